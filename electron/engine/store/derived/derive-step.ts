import type { RawHeaders } from '../../../../shared/api/common.js';
import type { Db } from '../database.js';
import { ROLLUP_KEY_COLUMNS, rollupKeySql } from '../insight/rollup-keys.js';
import { searchableBody, searchableHeaders } from '../search/search-index.js';

/** Deliveries indexed, and deleted search entries removed, per step: one step holds the writer for a few ms. */
export const DERIVE_BATCH = 256;

export interface DeriveProgress {
  /** Every delivery up to this seq is in the search index, the counts and the rollup. */
  watermark: number;
  /** Deliveries and removals this step took in. */
  done: number;
}

interface SourceRow {
  seq: number;
  path: string;
  headers_json: string;
  body: Buffer | null;
}

/**
 * One batch of derived data, on the connection given: search entries of deleted deliveries out,
 * then the next deliveries after the watermark into the search index, their counts and the rollup
 * (set-based, one statement each), and the watermark moved past them. The caller runs it in a write
 * transaction, so the data and the watermark move together: after a crash the next step starts where
 * the last committed one ended, and nothing is lost or counted twice. Search entries go in after the
 * rows they index were committed, in one run, with no trigger: FTS5 keeps them in memory until the
 * commit instead of writing a segment per row.
 */
export function createDeriveStep(db: Db) {
  const watermark = db.prepare('SELECT seq FROM derived_progress').pluck();
  const removals = db.prepare('SELECT seq FROM search_removals ORDER BY seq LIMIT ?').pluck();
  const unindex = db.prepare('DELETE FROM delivery_search WHERE rowid = ?');
  const removed = db.prepare('DELETE FROM search_removals WHERE seq <= ?');
  const next = db.prepare(`
    SELECT d.seq, d.path, d.headers_json, b.body FROM deliveries d LEFT JOIN delivery_bodies b ON b.seq = d.seq
    WHERE d.seq > ? ORDER BY d.seq LIMIT ?`);
  const index = db.prepare('INSERT INTO delivery_search (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
  // WHERE before GROUP BY and ON CONFLICT: without it SQLite would read ON as a join constraint.
  const count = db.prepare(`
    INSERT INTO delivery_counts (inbox_key, n)
      SELECT coalesce(inbox_id, ''), count(*) FROM deliveries WHERE seq > ? AND seq <= ? GROUP BY 1
    ON CONFLICT (inbox_key) DO UPDATE SET n = n + excluded.n`);
  const rollUp = db.prepare(`
    INSERT INTO delivery_rollup (${ROLLUP_KEY_COLUMNS.join(', ')}, n)
      SELECT ${rollupKeySql('d').join(', ')}, count(*) FROM deliveries d WHERE d.seq > ? AND d.seq <= ? GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT DO UPDATE SET n = n + excluded.n`);
  const advance = db.prepare('UPDATE derived_progress SET seq = ?');

  return {
    watermark: () => watermark.get() as number,

    /** One batch; `done` is 0 once nothing is left to derive. Call inside a write transaction. */
    step(limit = DERIVE_BATCH): DeriveProgress {
      const gone = removals.all(limit) as number[];
      for (const seq of gone) unindex.run(seq);
      if (gone.length > 0) removed.run(gone[gone.length - 1]);
      const from = watermark.get() as number;
      const rows = next.all(from, limit) as SourceRow[];
      if (rows.length === 0) return { watermark: from, done: gone.length };
      for (const row of rows) {
        const headers = JSON.parse(row.headers_json) as RawHeaders;
        index.run(row.seq, row.path, searchableHeaders(headers), searchableBody(row.body));
      }
      const to = rows[rows.length - 1].seq;
      count.run(from, to);
      rollUp.run(from, to);
      advance.run(to);
      return { watermark: to, done: gone.length + rows.length };
    },
  };
}

export type DeriveStep = ReturnType<typeof createDeriveStep>;
