import type { Db } from './database.js';
import { GroupCommitter } from './group-commit.js';
import { isStorageError, type StorageCondition, type WriteOutcome } from './storage-condition.js';
import type { WalSync } from './wal-sync.js';

/**
 * What a write promises when its promise resolves. `durable`: committed and flushed to disk (a
 * crash of the machine keeps it). `lazy`: committed (a crash of the process keeps it) and flushed
 * with the next durable write.
 */
export type Durability = 'durable' | 'lazy';

interface Work {
  apply: () => unknown;
  /** Run in a savepoint: its failure rejects only this write, never the batch it rides in. */
  isolated: boolean;
  result?: unknown;
  failed?: { error: unknown };
}

/**
 * The store's one write path. Every write is a closure over repository statements; the writes
 * submitted in one event-loop turn share one transaction (group commit, no timer), committed
 * without SQLite's own fsync. A durable write then waits for the one WAL flusher, which flushes
 * off the event loop and serves every batch committed before it began. A full disk refuses the
 * batch (503 not_stored) until a write fits again; a failed flush refuses every write until a
 * restart (storage-condition.ts).
 */
export class WriteQueue {
  private readonly committer: GroupCommitter<Work>;
  private readonly committedListeners: (() => void)[] = [];
  private readonly rollbackListeners: (() => void)[] = [];
  private writing = false;

  constructor(
    db: Db,
    private readonly walSync: WalSync,
    private readonly condition: StorageCondition,
    private readonly lock: { acquire(): Promise<void> | null; release(): void } | null = null,
  ) {
    // Prepared once: PRAGMA through db.pragma() compiles a statement on every call.
    const relaxed = db.prepare('PRAGMA synchronous = NORMAL');
    const full = db.prepare('PRAGMA synchronous = FULL');
    const inSavepoint = db.transaction((apply: () => unknown) => apply());
    const runBatch = db.transaction((works: Work[]) => {
      for (const work of works) {
        if (!work.isolated) {
          work.result = work.apply();
          continue;
        }
        try {
          work.result = inSavepoint(work.apply);
        } catch (error) {
          work.failed = { error };
        }
      }
    });
    const commit = (works: Work[]) => {
      relaxed.run();
      this.writing = true;
      try {
        runBatch(works);
      } catch (error) {
        for (const listener of this.rollbackListeners) listener();
        throw error;
      } finally {
        this.writing = false;
        full.run();
      }
      for (const listener of this.committedListeners) listener();
    };
    this.committer = new GroupCommitter<Work>((works) => {
      const waiting = this.lock?.acquire();
      if (!waiting) return this.locked(commit, works);
      return waiting.then(() => this.locked(commit, works));
    });
  }

  private locked(commit: (works: Work[]) => void, works: Work[]): void {
    try {
      commit(works);
    } finally {
      this.lock?.release();
    }
  }

  /**
   * Runs `apply` in the next batch and resolves with its result once it is as durable as asked.
   * `apply` must not throw for expected conditions unless `isolated`: a throw rolls back its batch.
   * A `background` write (derived data, retention) says nothing about the disk: a small one that
   * fits in freed pages must not end a full-disk state that a delivery would still run into.
   */
  async write<T>(durability: Durability, apply: () => T, options: { isolated?: boolean; background?: boolean } = {}): Promise<T> {
    const { condition } = this;
    if (condition.broken) throw condition.refusal(null);
    const work: Work = { apply, isolated: options.isolated === true };
    const note = options.background ? () => {} : (outcome: WriteOutcome) => condition.note(outcome);
    try {
      await this.committer.submit(work);
    } catch (error) {
      note({ kind: 'commit_failed', error });
      throw condition.broken || isStorageError(error) ? condition.refusal(error) : error;
    }
    if (work.failed && isStorageError(work.failed.error)) {
      note({ kind: 'commit_failed', error: work.failed.error });
      throw condition.refusal(work.failed.error);
    }
    note({ kind: 'committed' });
    if (work.failed) throw work.failed.error;
    if (durability === 'durable') {
      try {
        await this.walSync.flushCovering();
      } catch (error) {
        throw condition.refusal(error);
      }
    }
    return work.result as T;
  }

  /** Repository statements that only make sense inside a write call this: a write anywhere else would skip the queue. */
  assertWriting(what: string): void {
    if (!this.writing) throw new Error(`${what} ran outside a write; pass it to WriteQueue.write.`);
  }

  /** Called after every batch that committed (derived data and retention follow the writes). */
  onCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  /** Called when a batch rolled back, so caches of rows it wrote can be dropped. */
  onRolledBack(listener: () => void): void {
    this.rollbackListeners.push(listener);
  }

  /** Commits what is queued and waits for the disk; used on shutdown (a failed flush was already refused to its writers). */
  async flush(): Promise<void> {
    await this.committer.flush();
    if (!this.condition.broken) await this.walSync.flushCovering().catch(() => {});
  }
}
