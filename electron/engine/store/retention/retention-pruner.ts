import type { Db } from '../database.js';
import type { InboxRepository } from '../inboxes/inbox-repository.js';
import type { WriteQueue } from '../write-queue.js';
import { effectiveRetention, type RetentionSteps } from './retention.js';

export interface PrunerOptions {
  /** Rows per delete step; each step is its own transaction. */
  batch: number;
  /** How often age limits are checked when nothing is arriving. */
  intervalMs: number;
  /** Free pages given back to the file system per vacuum step (incremental auto_vacuum only). */
  vacuumPages: number;
}

export const DEFAULT_PRUNER: PrunerOptions = { batch: 500, intervalMs: 60_000, vacuumPages: 2_000 };

/**
 * Keeps every inbox within its retention in the background: small delete steps, each a lazy write
 * of its own, so ingest (whose writes share the queue) is never held up for more than one step. A
 * lost prune step is harmless (the next pass redoes it), so no step waits for a flush.
 */
export function createRetentionPruner(
  db: Db,
  writes: WriteQueue,
  inboxes: InboxRepository,
  steps: RetentionSteps,
  options: PrunerOptions = DEFAULT_PRUNER,
) {
  let onRemoved: (inboxId: string, removed: number) => void = () => {};
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  async function pass(): Promise<void> {
    for (const inbox of inboxes.all()) {
      const retention = effectiveRetention(inbox.retention_json);
      let removed = 0;
      for (;;) {
        if (stopped) return;
        const n = await writes.write('lazy', () => steps.prune(inbox.id, retention, Date.now(), options.batch), { background: true });
        removed += n;
        if (n === 0) break;
      }
      if (removed > 0) onRemoved(inbox.id, removed);
    }
    // Incremental auto_vacuum gives freed pages back a few at a time; a no-op on stores without it.
    while (!stopped && (db.pragma('freelist_count', { simple: true }) as number) > 0 && db.pragma('auto_vacuum', { simple: true }) === 2) {
      await writes.write('lazy', () => db.pragma(`incremental_vacuum(${options.vacuumPages})`), { background: true });
    }
  }

  function run(): void {
    soon = null;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    // A pass that cannot write (full disk, a store refusing writes) is redone by a later one.
    running = pass()
      .catch(() => {})
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          nudge();
        }
      });
  }

  /** Asks for a pass soon; many nudges in a burst make one pass. */
  function nudge(): void {
    if (stopped || soon) return;
    soon = setTimeout(run, 20);
  }

  return {
    nudge,
    start(removed: (inboxId: string, removed: number) => void = () => {}): void {
      onRemoved = removed;
      stopped = false;
      timer = setInterval(nudge, options.intervalMs);
      timer.unref();
      nudge();
    },
    /** Resolves when the pass in progress (if any) has stopped. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      if (soon) clearTimeout(soon);
      timer = soon = null;
      await running;
    },
    /** The pass in progress, for tests and shutdown. */
    idle: async (): Promise<void> => {
      while (running || soon) await (running ?? new Promise((r) => setTimeout(r, 25)));
    },
  };
}

export type RetentionPruner = ReturnType<typeof createRetentionPruner>;
