import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from '../database.js';
import type { WriteQueue } from '../write-queue.js';
import { createDeriveStep, DERIVE_BATCH, type DeriveProgress } from './derive-step.js';
import type { DerivedWorkerData, FromDerivedWorker, ToDerivedWorker } from './derived-worker.js';

/** How long a search waits for the index to catch up before it answers from what is indexed. */
const CURRENT_WAIT_MS = 1_000;

interface Waiter {
  upTo: number;
  resolve: () => void;
}

/** Where derive steps run: on the engine's connection as lazy writes, or in a worker with its own. */
export interface DeriveRunner {
  /** Derive until nothing is left up to `target` (every seq handed out so far, committed or rolled back). */
  request(target: number): void;
  stop(): Promise<void>;
}

type Progress = DeriveProgress & { target: number };

/**
 * Keeps derived data (search index, counts, rollup) up to date behind the writes that acknowledge
 * deliveries: after every commit that leaves something to derive, derive steps (derive-step.ts)
 * run until the watermark reaches the newest delivery. On start it catches up from the watermark
 * the same way, which is how a crash between an acknowledgement and its derived data is repaired.
 * Counts and charts read the few deliveries past the watermark from their rows, so they are exact
 * at once; a search waits for the index (current()).
 */
export function createDerivedData(
  db: Db,
  writes: WriteQueue,
  newestSeq: () => number,
  startRunner: (progress: (p: Progress) => void, failed: () => void) => DeriveRunner,
) {
  const newestStored = db.prepare('SELECT coalesce(max(seq), 0) FROM deliveries').pluck();
  const removalsQueued = db.prepare('SELECT EXISTS (SELECT 1 FROM search_removals)').pluck();
  let watermark = db.prepare('SELECT seq FROM derived_progress').pluck().get() as number;
  /** Seqs up to here were derived or never stored (a rolled-back batch leaves a gap). */
  let settledTo = watermark;
  let removals = (removalsQueued.get() as number) === 1;
  /** A request is with the runner: it reports progress after each step, and is asked again then if still behind. */
  let requested = false;
  /** A step could not be written (full disk, failed flush): wait for the next commit before asking again. */
  let stalled = false;
  let stopped = false;
  let waiters: Waiter[] = [];
  let idleWaiters: (() => void)[] = [];

  const behind = () => removals || newestSeq() > settledTo;

  function settleWaiters(): void {
    const still: Waiter[] = [];
    for (const waiter of waiters) {
      if (waiter.upTo <= settledTo) waiter.resolve();
      else still.push(waiter);
    }
    waiters = still;
    if (!behind() || stalled) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  }

  const runner = startRunner(
    (progress) => {
      watermark = progress.watermark;
      settledTo = Math.max(settledTo, progress.done === 0 ? progress.target : watermark);
      if (progress.done === 0) removals = false;
      requested = false;
      settleWaiters();
      nudge();
    },
    () => {
      stalled = true;
      requested = false;
      settleWaiters();
    },
  );

  function nudge(): void {
    if (stopped || stalled || requested || !behind()) return;
    requested = true;
    runner.request(newestSeq());
  }

  writes.onCommitted(() => {
    stalled = false;
    nudge();
  });

  return {
    /** Search entries of deleted deliveries are waiting to leave the index. */
    removalsQueued: (): void => {
      removals = true;
    },

    /** Resolves once the search index holds every delivery committed before the call (or after a bounded wait). */
    current: (): Promise<void> => {
      const upTo = newestStored.get() as number;
      if (upTo <= settledTo) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CURRENT_WAIT_MS);
        waiters.push({
          upTo,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        nudge();
      });
    },

    /** The catch-up after a start: whatever the last run acknowledged but did not derive. */
    start: nudge,

    watermark: () => watermark,

    /** Resolves when nothing is left to derive, or derived data is stalled (tests, the bench's seeding). */
    idle: (): Promise<void> => {
      if (stopped || stalled || !behind()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        nudge();
      });
    },

    async stop(): Promise<void> {
      stopped = true;
      await runner.stop();
      for (const waiter of waiters) waiter.resolve();
      for (const resolve of idleWaiters) resolve();
      waiters = [];
      idleWaiters = [];
    },
  };
}

/** Derive steps as lazy writes on the engine's own connection, one per turn while there is something to derive. */
export function inlineRunner(db: Db, writes: WriteQueue, stepLimit: number | null = null) {
  return (progress: (p: Progress) => void, failed: () => void): DeriveRunner => {
    const step = createDeriveStep(db);
    let target = 0;
    let steps = 0;
    let running: Promise<void> | null = null;
    let stopped = false;
    async function loop(): Promise<void> {
      while (!stopped && steps !== stepLimit) {
        steps += 1;
        const upTo = target;
        let done: DeriveProgress;
        try {
          done = await writes.write('lazy', () => step.step(DERIVE_BATCH), { background: true });
        } catch {
          return failed();
        }
        progress({ ...done, target: upTo });
        if (done.done === 0 && target === upTo) return;
      }
    }
    return {
      request(next) {
        target = Math.max(target, next);
        running ??= loop().finally(() => (running = null));
      },
      async stop() {
        stopped = true;
        await running;
      },
    };
  };
}

/**
 * Derive steps in a worker thread with its own connection: the second core, and nothing on the
 * event loop but a few messages. Where the worker cannot run (its script missing, as when the
 * engine runs from its TypeScript sources; or the thread failing), the steps run inline instead.
 */
export function workerRunner(data: DerivedWorkerData, fallback: ReturnType<typeof inlineRunner>, log: (line: string) => void = () => {}) {
  return (progress: (p: Progress) => void, failed: () => void): DeriveRunner => {
    const script = new URL('./derived-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(script))) return fallback(progress, failed);
    let inline: DeriveRunner | null = null;
    let target = 0;
    const worker = new Worker(script, { workerData: data });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (message: FromDerivedWorker) => {
      if (message.type === 'progress') progress(message);
      else if (message.type === 'failed') failed();
    });
    worker.on('error', (error) => {
      log(`derived data: the worker stopped (${error.message}); deriving on the engine's thread from now on`);
      inline = fallback(progress, failed);
      inline.request(target);
    });
    const send = (message: ToDerivedWorker) => worker.postMessage(message);
    return {
      request(next) {
        target = Math.max(target, next);
        if (inline) inline.request(next);
        else send({ type: 'derive', target: next });
      },
      async stop() {
        send({ type: 'stop' });
        await exited;
        await inline?.stop();
      },
    };
  };
}
