import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../database.js';
import { createDeriveStep, DERIVE_BATCH, type DeriveProgress } from './derive-step.js';
import { workerSideLock } from './writer-lock.js';

/**
 * After a step that found less than a full batch, the next one waits this long: deliveries
 * arriving meanwhile join it, so the index grows in runs (fewer, larger FTS5 segments, fewer turns
 * of the writer lock) rather than a row or two per commit. Well inside the 250 ms a search may lag.
 */
const TRICKLE_PAUSE_MS = 20;

/** What the engine hands the worker when it starts it. */
export interface DerivedWorkerData {
  file: string;
  lock: SharedArrayBuffer;
  /** The engine connection's page limit (a test's full disk), so that both connections see the same disk. */
  maxPageCount: number | null;
  /** Test only: how many steps this run may take (a crash in the middle of a catch-up); null for no limit. */
  stepLimit: number | null;
}

export type ToDerivedWorker = { type: 'derive'; target: number } | { type: 'stop' };
export type FromDerivedWorker =
  ({ type: 'progress'; target: number } & DeriveProgress) | { type: 'failed'; message: string } | { type: 'stopped' };

/**
 * The derived-data worker: its own connection, the second core, and the derive steps
 * (derive-step.ts) one after another while there is something to derive, each a transaction of
 * its own, committed without an fsync (derived data is rebuilt from the watermark after a crash).
 * Messages across the thread are a few numbers: the rows are read here, from the database.
 */
function run(data: DerivedWorkerData): void {
  const port = parentPort!;
  const db = openDatabase(data.file);
  db.pragma('synchronous = NORMAL');
  if (data.maxPageCount !== null) db.pragma(`max_page_count = ${data.maxPageCount}`);
  const lock = workerSideLock(data.lock);
  const derive = createDeriveStep(db);
  const step = db.transaction(() => derive.step(DERIVE_BATCH));
  let target = 0;
  let steps = 0;
  let asked = false;
  let running = false;
  let stopping = false;

  const post = (message: FromDerivedWorker) => port.postMessage(message);

  function next(): void {
    if (stopping) return finish();
    if (!asked || steps === data.stepLimit) {
      running = false;
      return;
    }
    steps += 1;
    const upTo = target;
    let progress: DeriveProgress;
    lock.acquire();
    try {
      progress = step();
    } catch (error) {
      asked = false;
      running = false;
      post({ type: 'failed', message: (error as Error).message });
      return;
    } finally {
      lock.release();
    }
    if (progress.done === 0) asked = false;
    post({ type: 'progress', target: upTo, ...progress });
    // A turn between steps, so that a stop (or a newer target) is read; a pause when the work trickles in.
    if (progress.done >= DERIVE_BATCH) setImmediate(next);
    else setTimeout(next, TRICKLE_PAUSE_MS);
  }

  function finish(): void {
    db.close();
    post({ type: 'stopped' });
    port.close();
  }

  port.on('message', (message: ToDerivedWorker) => {
    if (message.type === 'stop') {
      stopping = true;
      if (!running) finish();
      return;
    }
    target = Math.max(target, message.target);
    asked = true;
    if (running) return;
    running = true;
    setImmediate(next);
  });
}

run(workerData as DerivedWorkerData);
