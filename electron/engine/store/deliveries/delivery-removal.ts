import type { Db } from '../database.js';
import { ROLLUP_KEY_COLUMNS, rollupKeySql } from '../insight/rollup-keys.js';

const DERIVED = '(SELECT seq FROM derived_progress)';

/**
 * Statements that delete the deliveries a selection names, keeping derived data true: the counts
 * and the rollup lose the ones already derived at once (set-based, one statement each), and their
 * search entries are queued in search_removals for the next derived batch, which takes them out of
 * the index in a run instead of one FTS5 write per row. A search meanwhile still finds the entry,
 * but its delivery is gone and the join with deliveries drops it; seqs are never reused
 * (delivery-seqs.ts), so no new delivery can answer for it.
 */
function removalOf(db: Db, selection: string, unindexQueued: () => void) {
  const keys = rollupKeySql('d');
  const keyList = ROLLUP_KEY_COLUMNS.join(', ');
  const derived = `SELECT * FROM deliveries d WHERE ${selection} AND d.seq <= ${DERIVED}`;
  const uncount = db.prepare(`
    UPDATE delivery_counts SET n = delivery_counts.n - x.gone
    FROM (SELECT coalesce(inbox_id, '') AS inbox_key, count(*) AS gone FROM (${derived}) GROUP BY 1) AS x
    WHERE delivery_counts.inbox_key = x.inbox_key`);
  const rollDown = db.prepare(`
    UPDATE delivery_rollup SET n = delivery_rollup.n - x.gone
    FROM (SELECT ${keys.map((sql, i) => `${sql} AS ${ROLLUP_KEY_COLUMNS[i]}`).join(', ')}, count(*) AS gone
          FROM (${derived}) d GROUP BY 1, 2, 3, 4, 5) AS x
    WHERE ${ROLLUP_KEY_COLUMNS.map((column) => `delivery_rollup.${column} = x.${column}`).join(' AND ')}`);
  const emptied = db.prepare(`
    DELETE FROM delivery_rollup WHERE n <= 0 AND (${keyList}) IN (SELECT ${keys.join(', ')} FROM (${derived}) d)`);
  const queueUnindex = db.prepare(`INSERT OR IGNORE INTO search_removals (seq) SELECT seq FROM (${derived})`);
  const remove = db.prepare(`DELETE FROM deliveries AS d WHERE ${selection}`);
  return (...params: unknown[]): number => {
    uncount.run(...params);
    rollDown.run(...params);
    emptied.run(...params);
    if (queueUnindex.run(...params).changes > 0) unindexQueued();
    return remove.run(...params).changes;
  };
}

/** Deletes of one or many deliveries and of an inbox's, for use inside a write. */
export function createDeliveryRemoval(db: Db, unindexQueued: () => void) {
  const bySeqs = removalOf(db, 'd.seq IN (SELECT value FROM json_each(?))', unindexQueued);
  const ofInbox = removalOf(db, 'd.inbox_id = ?', unindexQueued);
  return {
    /** Deletes these deliveries; returns how many existed. */
    seqs: (seqs: readonly number[]): number => (seqs.length === 0 ? 0 : bySeqs(JSON.stringify(seqs))),
    /** Deletes every delivery of an inbox, pinned ones included (the inbox itself is going). */
    inbox: (inboxId: string): number => ofInbox(inboxId),
  };
}

export type DeliveryRemoval = ReturnType<typeof createDeliveryRemoval>;
