/**
 * SQLite lets one connection write at a time. The engine's write queue and the derived-data
 * worker take turns through this lock in shared memory instead of colliding in SQLite, whose busy
 * handler would put the event loop to sleep. The event loop never blocks on it: when the worker
 * holds it, the queue waits asynchronously (its next batch grows meanwhile); the worker blocks,
 * and gives way whenever the event loop is waiting.
 */

const FREE = 0;
const QUEUE = 1;
const WORKER = 2;
/** Slot 0: who holds the lock. Slot 1: 1 while the write queue waits for it. Slot 2: 1 while the worker waits for it. */
const HOLDER = 0;
const QUEUE_WAITING = 1;
const WORKER_WAITING = 2;

/** Atomics.waitAsync (Node 16+), which the ES2023 library this project compiles against does not declare. */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(cells: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync.bind(Atomics);

export function newWriterLockMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
}

/** The write queue's side (the event loop). */
export function queueSideLock(memory: SharedArrayBuffer) {
  const cells = new Int32Array(memory);
  const take = () => Atomics.compareExchange(cells, HOLDER, FREE, QUEUE) === FREE;

  async function waitForTurn(): Promise<void> {
    Atomics.store(cells, QUEUE_WAITING, 1);
    while (!take()) {
      const wait = waitAsync(cells, HOLDER, WORKER);
      if (wait.async) await wait.value;
    }
    Atomics.store(cells, QUEUE_WAITING, 0);
    Atomics.notify(cells, QUEUE_WAITING);
  }

  return {
    /** null when taken at once; otherwise resolves once it is the queue's. */
    acquire: (): Promise<void> | null => (take() ? null : waitForTurn()),
    release(): void {
      Atomics.store(cells, HOLDER, FREE);
      // Waking costs a system call; most batches commit while the worker is not waiting.
      if (Atomics.load(cells, WORKER_WAITING) === 1) Atomics.notify(cells, HOLDER);
    },
  };
}

/** The worker's side: it may block, and lets the event loop go first whenever it waits. */
export function workerSideLock(memory: SharedArrayBuffer) {
  const cells = new Int32Array(memory);
  return {
    acquire(): void {
      for (;;) {
        if (Atomics.load(cells, QUEUE_WAITING) === 1) {
          Atomics.wait(cells, QUEUE_WAITING, 1, 50);
          continue;
        }
        if (Atomics.compareExchange(cells, HOLDER, FREE, WORKER) === FREE) return;
        Atomics.store(cells, WORKER_WAITING, 1);
        Atomics.wait(cells, HOLDER, QUEUE, 50);
        Atomics.store(cells, WORKER_WAITING, 0);
      }
    },
    release(): void {
      Atomics.store(cells, HOLDER, FREE);
      Atomics.notify(cells, HOLDER);
    },
  };
}
