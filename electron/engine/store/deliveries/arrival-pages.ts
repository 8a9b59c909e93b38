import type { Db } from '../database.js';
import type { DeliveryFilter } from './delivery-filter.js';
import { buildWhere } from './delivery-where.js';

/** The list filters without paging: what bulk replays and exports select. */
export type ArrivalFilter = Omit<DeliveryFilter, 'limit' | 'before'>;

/**
 * The deliveries matching the list filters in arrival order, a page at a time, up to a snapshot
 * taken at the start: deliveries arriving meanwhile (replays included) are not picked up.
 */
export function createArrivalPages(db: Db, searchCurrent: () => Promise<void>) {
  const maxSeq = db.prepare('SELECT coalesce(max(seq), 0) FROM deliveries').pluck();
  const where = (filter: ArrivalFilter) => {
    const built = buildWhere(filter);
    return { sql: built.sql ? `${built.sql} AND` : 'WHERE', params: built.params };
  };
  return {
    /** The newest seq now; with a search in the filter, once the search index holds every delivery up to it. */
    async snapshot(filter: ArrivalFilter): Promise<number> {
      if (filter.match) await searchCurrent();
      return maxSeq.get() as number;
    },

    count(filter: ArrivalFilter, upTo: number): number {
      const w = where(filter);
      return db
        .prepare(`SELECT count(*) FROM deliveries d ${w.sql} d.seq <= ?`)
        .pluck()
        .get(...w.params, upTo) as number;
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
