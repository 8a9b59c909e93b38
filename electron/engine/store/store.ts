import { join } from 'node:path';
import { createAnswerRepository } from './answers/answer-rows.js';
import type { Db } from './database.js';
import { openDatabase } from './database.js';
import { storageBytes } from './data-size.js';
import { createArrivalPages } from './deliveries/arrival-pages.js';
import { createDeliveryBodyQueries } from './deliveries/delivery-bodies.js';
import { createDeliveryRemoval } from './deliveries/delivery-removal.js';
import { createDeliveryRepository } from './deliveries/delivery-repository.js';
import type { NewDelivery } from './deliveries/delivery-rows.js';
import { createDeliverySeqs } from './deliveries/delivery-seqs.js';
import { createDerivedData, inlineRunner, workerRunner } from './derived/derived-data.js';
import { newWriterLockMemory, queueSideLock } from './derived/writer-lock.js';
import { createInboxRepository } from './inboxes/inbox-repository.js';
import { createInsightQueries } from './insight/insight.js';
import { createIntegrationRepository } from './integrations/integration-repository.js';
import { createTimelineQueries } from './integrations/integration-timeline.js';
import { createOutgoingRows } from './integrations/outgoing-rows.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { createReplayRepository } from './replays/replay-rows.js';
import { createRetentionPruner, DEFAULT_PRUNER, type PrunerOptions } from './retention/retention-pruner.js';
import { createRetentionSteps } from './retention/retention.js';
import { StorageCondition } from './storage-condition.js';
import { WalSync } from './wal-sync.js';
import { WriteQueue } from './write-queue.js';

export const DATABASE_FILE = 'hookbench.sqlite';

/** Rows per "clear inbox" step; the event loop gets a turn between steps. */
const CLEAR_BATCH = 5_000;

/**
 * The engine's one handle on SQLite: the migrated schema, a repository per aggregate, and the one
 * write path every write goes through (write-queue.ts) over the one WAL flusher (wal-sync.ts).
 * Feature folders get these repositories, never the database.
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
  const maxPageCount = sparePages >= 0 ? (db.pragma('page_count', { simple: true }) as number) + sparePages : null;
  if (maxPageCount !== null) db.pragma(`max_page_count = ${maxPageCount}`);

  const condition = new StorageCondition();
  // After a failed flush the connection takes no write of any kind (API, dispatch, retention) until a restart.
  condition.onChange((status) => status.state === 'broken' && db.pragma('query_only = ON'));
  const walSync = new WalSync(join(dataDir, `${DATABASE_FILE}-wal`), (error) => condition.note({ kind: 'flush_failed', error }));
  const inline = process.env.HOOKBENCH_DERIVE === 'inline';
  // Test only (README, Tests): derived data takes at most this many steps in this run, to crash in the middle of a catch-up.
  const deriveSteps = Number.parseInt(process.env.HOOKBENCH_TEST_DERIVE_STEPS ?? '', 10);
  const stepLimit = deriveSteps >= 0 ? deriveSteps : null;
  const lockMemory = newWriterLockMemory();
  const writes = new WriteQueue(db, walSync, condition, inline ? null : queueSideLock(lockMemory));

  const seqs = createDeliverySeqs(db);
  const runner = inline
    ? inlineRunner(db, writes, stepLimit)
    : workerRunner({ file, lock: lockMemory, maxPageCount, stepLimit }, inlineRunner(db, writes, stepLimit));
  const derived = createDerivedData(db, writes, seqs.last, runner);
  // The worker writes derived data on its own connection: a failed flush stops it too.
  condition.onChange((status) => status.state === 'broken' && void derived.stop());
  const removal = createDeliveryRemoval(db, derived.removalsQueued);
  const deliveries = createDeliveryRepository(db, { writes, seqs, removal, searchCurrent: derived.current });
  const inboxes = createInboxRepository(db, writes, removal);
  const steps = createRetentionSteps(db, deliveries, removal);
  const retention = createRetentionPruner(db, writes, inboxes, steps, { ...DEFAULT_PRUNER, ...pruner });
  // New deliveries may push an inbox past its retention: each batch that added some asks for a pass.
  let prunedAfter = seqs.last();
  writes.onCommitted(() => {
    if (seqs.last() === prunedAfter) return;
    prunedAfter = seqs.last();
    retention.nudge();
  });
  const outgoing = createOutgoingRows(db, writes, seqs);
  // Writes of the opening itself, before the queue takes any: the default inbox on the first start,
  // and what a crash cut short settled first.
  inboxes.createDefaultOnOpen();
  const interrupted = outgoing.settleUnfinished();
  derived.start();

  return {
    /** For tests and the bench only (a disk-full limit, a row aged by hand); the engine's code uses the repositories. */
    db,
    /** The one write path, for writes that span repositories (an attempt's outcome and the failure count it changes). */
    writes,
    deliveries,
    /** One body's exact bytes, without the rest of its record. */
    bodies: createDeliveryBodyQueries(db),
    inboxes,
    integrations: createIntegrationRepository(db, writes),
    outgoing,
    answers: createAnswerRepository(db, writes),
    replays: createReplayRepository(db, writes, seqs),
    /** Deliveries matching the list filters in arrival order, for exports and bulk replays. */
    arrivals: createArrivalPages(db, derived.current),
    insight: createInsightQueries(db),
    timelines: createTimelineQueries(db),
    /** Search index, counts and rollup, kept up to date behind the acknowledged writes. */
    derived,
    /** Background pruning to each inbox's retention; the engine starts it. */
    retention,
    /** Dispatch attempts and deliveries the last run left unfinished, settled as interrupted on open. */
    interrupted,
    /**
     * Resolves with its seq once the delivery, row and bytes, is durable; only then may it be acknowledged.
     * Null for a relay request id stored before. Throws a 503 not_stored otherwise.
     */
    commitDelivery: (delivery: NewDelivery): Promise<number | null> => writes.write('durable', () => deliveries.insert(delivery)),
    /** Whether the store takes writes (full disk, failed flush), and the refusal when it does not. */
    condition,
    /** Removes every unpinned delivery of an inbox, a step at a time so that ingest keeps going. */
    async clearInbox(inboxId: string): Promise<{ removed: number; keptPinned: number }> {
      let removed = 0;
      for (;;) {
        const n = await writes.write('durable', () => steps.clearStep(inboxId, CLEAR_BATCH));
        if (n === 0) break;
        removed += n;
      }
      retention.nudge(); // Gives freed pages back (incremental vacuum) in the background.
      return { removed, keptPinned: steps.pinnedCount(inboxId) };
    },
    storageBytes: () => storageBytes(file),
    async close(): Promise<void> {
      await retention.stop();
      await derived.stop();
      await writes.flush();
      walSync.close();
      db.close();
    },
  };
}

export type Store = ReturnType<typeof openStore>;
