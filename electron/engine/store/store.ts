import { join } from 'node:path';
import type { Db } from './database.js';
import { openDatabase } from './database.js';
import { createDeliveryQueries } from './deliveries.js';
import type { NewDelivery } from './delivery-rows.js';
import { GroupCommitter } from './group-commit.js';
import { WalSync } from './wal-sync.js';
import { createInboxQueries } from './inboxes.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export const DATABASE_FILE = 'hookbench.sqlite';

/**
 * The engine's one handle on SQLite: migrated schema, queries, and the group-commit writer.
 * (A writer thread was measured too: cloning each batch across threads cost more than it saved.)
 */
export function openStore(dataDir: string) {
  const db: Db = openDatabase(join(dataDir, DATABASE_FILE));
  try {
    migrate(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  const deliveries = createDeliveryQueries(db);
  const inboxes = createInboxQueries(db);
  const insertMany = db.transaction((items: NewDelivery[]) => {
    for (const item of items) deliveries.insert(item);
  });
  // Deliveries commit without SQLite's own fsync; WalSync flushes the WAL off the event loop
  // before anyone is acknowledged. Other writes (inboxes, deletes) keep the FULL default.
  const walSync = new WalSync(join(dataDir, `${DATABASE_FILE}-wal`));
  const deliveryWriter = new GroupCommitter<NewDelivery>(async (items) => {
    db.pragma('synchronous = NORMAL');
    try {
      insertMany(items);
    } finally {
      db.pragma('synchronous = FULL');
    }
    await walSync.flush();
  });

  return {
    db,
    deliveries,
    inboxes,
    /** Resolves once the delivery is committed to disk; only then may it be acknowledged. */
    commitDelivery: (delivery: NewDelivery) => deliveryWriter.submit(delivery),
    async close(): Promise<void> {
      await deliveryWriter.flush();
      walSync.close();
      db.close();
    },
  };
}

export type Store = ReturnType<typeof openStore>;
