import type { Db } from '../store/database.js';
import { isStorageError, type StorageCondition } from '../store/storage-condition.js';
import type { WalSync } from '../store/wal-sync.js';

interface Work {
  run: () => unknown;
  durable: boolean;
  result?: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The dispatcher's writes. Every write is a closure; those submitted in one event-loop turn share
 * one transaction, committed with synchronous=NORMAL: in WAL mode a committed write survives the
 * process dying, which is what "recorded before sending" needs, and costs no fsync. A write marked
 * durable also waits for the WAL to reach the disk, flushed off the event loop and shared by every
 * write committed before the flush began. Closures must not throw for expected conditions: one
 * throw rolls the whole batch back. The store's flush and condition are shared, so a full disk or
 * a failed flush refuses these writes (503 not_stored) as it refuses deliveries.
 */
export function createDispatchWriter(db: Db, storage: { walSync: WalSync; condition: StorageCondition }) {
  const { walSync, condition } = storage;
  const relaxed = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');
  const runBatch = db.transaction((works: Work[]) => {
    for (const work of works) work.result = work.run();
  });
  let queue: Work[] = [];
  let scheduled = false;
  let syncing: Promise<void> | null = null;
  let syncWaiters: Waiter[] = [];

  function startSync(): void {
    const waiters = syncWaiters;
    syncWaiters = [];
    syncing = walSync.flush().then(
      () => waiters.forEach((w) => w.resolve()),
      (error: unknown) => waiters.forEach((w) => w.reject(condition.refusal(error))),
    );
    void syncing.then(() => {
      syncing = null;
      if (syncWaiters.length > 0) startSync();
    });
  }

  /** Resolves once every frame committed so far is on disk; one flush at a time, later callers share the next. */
  function synced(): Promise<void> {
    return new Promise((resolve, reject) => {
      syncWaiters.push({ resolve, reject });
      if (!syncing) startSync();
    });
  }

  function commitQueued(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    if (condition.broken) {
      for (const work of batch) work.reject(condition.refusal(null));
      return;
    }
    relaxed.run();
    try {
      runBatch(batch);
    } catch (error) {
      condition.note({ kind: 'commit_failed', error });
      for (const work of batch) work.reject(condition.broken || isStorageError(error) ? condition.refusal(error) : error);
      return;
    } finally {
      full.run();
    }
    condition.note({ kind: 'committed' });
    const durable = batch.some((work) => work.durable) ? synced() : null;
    for (const work of batch) {
      if (work.durable) durable!.then(() => work.resolve(work.result), work.reject);
      else work.resolve(work.result);
    }
  }

  return {
    write<T>(run: () => T, options: { durable?: boolean } = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ run, durable: options.durable === true, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(commitQueued);
        }
      });
    },
    /** Commits what is queued and waits for the disk; used on shutdown (a failed flush was already refused to its writers). */
    async flush(): Promise<void> {
      commitQueued();
      await synced().catch(() => {});
    },
  };
}

export type DispatchWriter = ReturnType<typeof createDispatchWriter>;
