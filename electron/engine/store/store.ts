import { join } from 'node:path';
import type { Db } from './database.js';
import { openDatabase } from './database.js';
import { storageBytes } from './data-size.js';
import { createDeliveryQueries } from './deliveries.js';
import { createDeliveryBodyQueries } from './delivery-bodies.js';
import type { NewDelivery } from './delivery-rows.js';
import { GroupCommitter } from './group-commit.js';
import { WalSync } from './wal-sync.js';
import { createInboxQueries } from './inboxes.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { createRetentionPruner, DEFAULT_PRUNER, type PrunerOptions } from './retention-pruner.js';
import { createRetentionSteps } from './retention.js';
import { StorageCondition } from './storage-condition.js';

export const DATABASE_FILE = 'hookbench.sqlite';

/** Rows per "clear inbox" step; the event loop gets a turn between steps. */
const CLEAR_BATCH = 5_000;

/**
 * The engine's one handle on SQLite: migrated schema, queries, and the group-commit writer.
 * (A writer thread was measured too: cloning each batch across threads cost more than it saved.)
 */
export function openStore(dataDir: string, pruner: Partial<PrunerOptions> = {}) {
  const file = join(dataDir, DATABASE_FILE);
  const db: Db = openDatabase(file);
  try {
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  // Test only (README, Tests): lets the store grow by this many pages, so a test can fill it like a full disk.
  const sparePages = Number.parseInt(process.env.HOOKBENCH_TEST_SPARE_PAGES ?? '', 10);
  if (sparePages >= 0) db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + sparePages}`);
  const deliveries = createDeliveryQueries(db);
  const inboxes = createInboxQueries(db);
  const steps = createRetentionSteps(db);
  const retention = createRetentionPruner(db, inboxes, steps, { ...DEFAULT_PRUNER, ...pruner });
  const insertMany = db.transaction((items: NewDelivery[]) => {
    for (const item of items) deliveries.insert(item);
  });
  // Deliveries commit without SQLite's own fsync; WalSync flushes the WAL off the event loop
  // before anyone is acknowledged. Other writes (inboxes, deletes) keep the FULL default.
  // The commit and the flush are separate stages, so the next batch commits while the last flushes.
  const condition = new StorageCondition();
  // After a failed flush the connection takes no write of any kind (API, dispatch, retention) until a restart.
  condition.onChange((status) => status.state === 'broken' && db.pragma('query_only = ON'));
  const walSync = new WalSync(join(dataDir, `${DATABASE_FILE}-wal`), (error) => condition.note({ kind: 'flush_failed', error }));
  const deliveryWriter = new GroupCommitter<NewDelivery>((items) => {
    db.pragma('synchronous = NORMAL');
    try {
      insertMany(items);
    } finally {
      db.pragma('synchronous = FULL');
    }
    retention.nudge();
  });
  const commitDelivery = async (delivery: NewDelivery): Promise<void> => {
    if (condition.broken) throw condition.refusal(null);
    try {
      await deliveryWriter.submit(delivery);
    } catch (error) {
      condition.note({ kind: 'commit_failed', error });
      throw condition.refusal(error);
    }
    try {
      await walSync.flushCovering();
    } catch (error) {
      throw condition.refusal(error);
    }
    condition.note({ kind: 'committed' });
  };

  return {
    db,
    deliveries,
    /** One body's exact bytes, without the rest of its record. */
    bodies: createDeliveryBodyQueries(db),
    inboxes,
    /** Background pruning to each inbox's retention; the engine starts it. */
    retention,
    /** Resolves once the delivery is committed to disk; only then may it be acknowledged. Throws a 503 not_stored otherwise. */
    commitDelivery,
    /** Whether the store takes writes (full disk, failed flush), and the refusal when it does not. */
    condition,
    /** The WAL flush every durable writer shares, so that one failed flush stops them all. */
    walSync,
    /** Removes every unpinned delivery of an inbox, a step at a time so that ingest keeps going. */
    async clearInbox(inboxId: string): Promise<{ removed: number; keptPinned: number }> {
      let removed = 0;
      for (let n = steps.clearStep(inboxId, CLEAR_BATCH); n > 0; n = steps.clearStep(inboxId, CLEAR_BATCH)) {
        removed += n;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      retention.nudge(); // Gives freed pages back (incremental vacuum) in the background.
      return { removed, keptPinned: steps.pinnedCount(inboxId) };
    },
    storageBytes: () => storageBytes(file),
    async close(): Promise<void> {
      await retention.stop();
      await deliveryWriter.flush();
      await walSync.flushCovering().catch(() => {});
      walSync.close();
      db.close();
    },
  };
}

export type Store = ReturnType<typeof openStore>;
