import type { Db } from '../database.js';

/**
 * Hands out delivery seqs, each larger than any ever used, stored or derived. SQLite would reuse
 * the seq of the newest delivery once it is deleted; then a new delivery would sit at or below the
 * derived watermark and never be indexed or counted. A rolled-back batch leaves a gap; gaps are harmless.
 */
export function createDeliverySeqs(db: Db) {
  let last = db
    .prepare('SELECT max(coalesce((SELECT max(seq) FROM deliveries), 0), (SELECT seq FROM derived_progress)) AS seq')
    .pluck()
    .get() as number;
  return {
    next: (): number => ++last,
    /** The newest seq handed out; derived data has caught up once its watermark reaches it. */
    last: (): number => last,
  };
}

export type DeliverySeqs = ReturnType<typeof createDeliverySeqs>;
