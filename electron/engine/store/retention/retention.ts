import { DEFAULT_RETENTION, type Retention } from '../../../../shared/api/inboxes.js';
import type { Db } from '../database.js';

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
 * The delete steps behind retention and "clear inbox". Each step is one small transaction over
 * the oldest rows of one inbox (the (inbox_id, seq) index), so it never holds the writer for long;
 * search entries and counts go with the rows (triggers of migration 004).
 */
export function createRetentionSteps(db: Db) {
  const stored = db.prepare('SELECT n FROM delivery_counts WHERE inbox_key = ?');
  const deleteOldest = db.prepare(`
    DELETE FROM deliveries WHERE seq IN (
      SELECT seq FROM deliveries WHERE inbox_id = ? AND pinned = 0 ORDER BY seq LIMIT ?)`);
  const oldestUnpinned = db.prepare('SELECT received_at FROM deliveries WHERE inbox_id = ? AND pinned = 0 ORDER BY seq LIMIT 1');
  const deleteOldestBefore = db.prepare(`
    DELETE FROM deliveries WHERE seq IN (
      SELECT seq FROM deliveries WHERE inbox_id = ? AND pinned = 0 ORDER BY seq LIMIT ?) AND received_at < ?`);
  const pinnedIn = db.prepare('SELECT count(*) AS n FROM deliveries WHERE pinned = 1 AND inbox_id = ?');

  const countOf = (inboxId: string) => (stored.get(inboxId) as { n: number } | undefined)?.n ?? 0;

  const prune = db.transaction((inboxId: string, retention: Retention, now: number, batch: number): number => {
    const excess = overCount(countOf(inboxId), retention.max_count, batch);
    if (excess > 0) return deleteOldest.run(inboxId, excess).changes;
    if (retention.max_age_hours === null) return 0;
    const cutoff = now - retention.max_age_hours * 3_600_000;
    // Checked first so that an inbox with nothing old costs one row read, not a scan.
    const oldest = oldestUnpinned.get(inboxId) as { received_at: number } | undefined;
    if (!oldest || oldest.received_at >= cutoff) return 0;
    return deleteOldestBefore.run(inboxId, batch, cutoff).changes;
  });

  return {
    /** One batch of what retention removes from one inbox; 0 when it is within its limits. */
    prune: (inboxId: string, retention: Retention, now: number, batch: number): number => prune(inboxId, retention, now, batch),
    /** One batch of "clear inbox"; 0 when only pinned deliveries are left. */
    clearStep: (inboxId: string, batch: number): number => deleteOldest.run(inboxId, batch).changes,
    pinnedCount: (inboxId: string): number => (pinnedIn.get(inboxId) as { n: number }).n,
  };
}

export type RetentionSteps = ReturnType<typeof createRetentionSteps>;
