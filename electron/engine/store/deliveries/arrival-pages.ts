import type { Db } from '../database.js';
import { buildWhere, type DeliveryFilter } from './delivery-repository.js';

/** The list filters without paging: what bulk replays and exports select. */
export type ArrivalFilter = Omit<DeliveryFilter, 'limit' | 'before'>;

/**
 * The deliveries matching the list filters in arrival order, a page at a time, up to a snapshot
 * taken at the start: deliveries arriving meanwhile (replays included) are not picked up.
 */
export function createArrivalPages(db: Db) {
  const maxSeq = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM deliveries');
  const where = (filter: ArrivalFilter) => {
    const built = buildWhere(filter);
    return { sql: built.sql ? `${built.sql} AND` : 'WHERE', params: built.params };
  };
  return {
    snapshot: () => (maxSeq.get() as { seq: number }).seq,

    count(filter: ArrivalFilter, upTo: number): number {
      const w = where(filter);
      return (db.prepare(`SELECT count(*) AS n FROM deliveries d ${w.sql} d.seq <= ?`).get(...w.params, upTo) as { n: number }).n;
    },

    /** Ids with seq in (after, upTo], oldest first. */
    page(filter: ArrivalFilter, after: number, upTo: number, limit: number): { seq: number; id: string }[] {
      const w = where(filter);
      const sql = `SELECT d.seq, d.id FROM deliveries d ${w.sql} d.seq > ? AND d.seq <= ? ORDER BY d.seq LIMIT ?`;
      return db.prepare(sql).all(...w.params, after, upTo, limit) as { seq: number; id: string }[];
    },
  };
}

export type ArrivalPages = ReturnType<typeof createArrivalPages>;
