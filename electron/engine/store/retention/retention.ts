import { DEFAULT_RETENTION, type Retention } from '../../../../shared/api/inboxes.js';
import type { Db } from '../database.js';
import type { DeliveryRemoval } from '../deliveries/delivery-removal.js';

/** The retention in force for an inbox: its own settings over the defaults. */
export function effectiveRetention(json: string | null): Retention {
  const own = json ? (JSON.parse(json) as Partial<Retention>) : {};
  return {
    max_count: own.max_count === undefined ? DEFAULT_RETENTION.max_count : own.max_count,
    max_age_hours: own.max_age_hours === undefined ? DEFAULT_RETENTION.max_age_hours : own.max_age_hours,
  };
}

/** How many of the oldest unpinned deliveries the count limit asks to remove now, at most one batch. */
export function overCount(stored: number, maxCount: number | null, batch: number): number {
  return maxCount === null ? 0 : Math.max(0, Math.min(stored - maxCount, batch));
}

/**
 * The delete steps behind retention and "clear inbox", for use inside a write. Each step is one
 * small batch of the oldest rows of one inbox (the (inbox_id, seq) index), so it never holds the
 * writer for long; counts, rollup and search entries go with the rows (delivery-removal.ts).
 */
export function createRetentionSteps(db: Db, counts: { count(inboxId: string): number }, removal: DeliveryRemoval) {
  const oldest = db.prepare('SELECT seq FROM deliveries WHERE inbox_id = ? AND pinned = 0 ORDER BY seq LIMIT ?').pluck();
  const oldestReceived = db.prepare('SELECT received_at FROM deliveries WHERE inbox_id = ? AND pinned = 0 ORDER BY seq LIMIT 1').pluck();
  const oldestBefore = db
    .prepare(
      'SELECT seq FROM (SELECT seq, received_at FROM deliveries WHERE inbox_id = ? AND pinned = 0 ORDER BY seq LIMIT ?) WHERE received_at < ?',
    )
    .pluck();
  const pinnedIn = db.prepare('SELECT count(*) FROM deliveries WHERE pinned = 1 AND inbox_id = ?').pluck();

  return {
    /** One batch of what retention removes from one inbox; 0 when it is within its limits. */
    prune(inboxId: string, retention: Retention, now: number, batch: number): number {
      const excess = overCount(counts.count(inboxId), retention.max_count, batch);
      if (excess > 0) return removal.seqs(oldest.all(inboxId, excess) as number[]);
      if (retention.max_age_hours === null) return 0;
      const cutoff = now - retention.max_age_hours * 3_600_000;
      // Checked first so that an inbox with nothing old costs one row read, not a scan.
      const received = oldestReceived.get(inboxId) as number | undefined;
      if (received === undefined || received >= cutoff) return 0;
      return removal.seqs(oldestBefore.all(inboxId, batch, cutoff) as number[]);
    },
    /** One batch of "clear inbox"; 0 when only pinned deliveries are left. */
    clearStep: (inboxId: string, batch: number): number => removal.seqs(oldest.all(inboxId, batch) as number[]),
    pinnedCount: (inboxId: string): number => pinnedIn.get(inboxId) as number,
  };
}

export type RetentionSteps = ReturnType<typeof createRetentionSteps>;
