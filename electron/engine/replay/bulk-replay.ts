import type { BulkReplayRequest, ReplayJob } from '../../../shared/api/replays.js';
import { HookbenchError, isHookbenchError } from '../../../shared/errors.js';
import type { EngineEvents } from '../events.js';
import type { ArrivalFilter, ArrivalPages } from '../store/deliveries/arrival-pages.js';
import { newId } from '../ids.js';
import type { Replayer } from './replayer.js';

const PAGE = 200;
const PROGRESS_EVERY_MS = 100;
const FINISHED_KEPT = 20;

interface RunningJob {
  view: ReplayJob;
  abort: AbortController;
  finished: Promise<void>;
}

export interface BulkReplayOptions {
  replayer: Replayer;
  pages: ArrivalPages;
  events: EngineEvents;
  log?: (line: string) => void;
}

/**
 * Bulk replays: one job at a time per request, deliveries sent one after another in arrival order
 * (so a handler sees them in the order they first arrived), progress on the live feed, cancellable.
 */
export function createBulkReplays({ replayer, pages, events, log }: BulkReplayOptions) {
  const jobs = new Map<string, RunningJob>();

  const progress = (view: ReplayJob) =>
    events.emit({ type: 'replay.progress', job: view.job, state: view.state, done: view.done, total: view.total, failed: view.failed });

  /** The given ids in arrival order; an unknown id refuses the whole job before anything is sent. */
  function byArrival(ids: string[]): string[] {
    const known = [...new Set(ids)].map((id) => ({ id, seq: replayer.seqOf(id) }));
    const missing = known.find((entry) => entry.seq === null);
    if (missing) throw new HookbenchError('not_found', `No delivery with id ${JSON.stringify(missing.id)}; nothing was replayed.`, 404);
    return known.sort((a, b) => a.seq! - b.seq!).map((entry) => entry.id);
  }

  function* matching(filter: ArrivalFilter, upTo: number): Generator<string> {
    for (let after = 0; ;) {
      const page = pages.page(filter, after, upTo, PAGE);
      for (const row of page) yield row.id;
      if (page.length < PAGE) return;
      after = page[page.length - 1].seq;
    }
  }

  async function run(job: RunningJob, ids: Iterable<string>, request: BulkReplayRequest): Promise<void> {
    const { view } = job;
    const each = { mode: request.mode, target: request.target, secret: request.secret, timeout_ms: request.timeout_ms };
    let lastProgress = 0;
    let trailing: NodeJS.Timeout | null = null;
    // At most one update per interval, but never a held-back one: a slow next step must not leave the bar stale.
    const report = () => {
      const wait = PROGRESS_EVERY_MS - (Date.now() - lastProgress);
      if (wait > 0) {
        trailing ??= setTimeout(() => {
          trailing = null;
          lastProgress = Date.now();
          progress(view);
        }, wait);
        return;
      }
      lastProgress = Date.now();
      progress(view);
    };
    for (const id of ids) {
      if (job.abort.signal.aborted) break;
      try {
        const result = await replayer.replay(id, each, { job: view.job, signal: job.abort.signal });
        if (result.status === null || result.status < 200 || result.status > 299) {
          view.failed += 1;
          view.last_error = {
            delivery: id,
            code: result.error?.code ?? `http_${result.status}`,
            message: result.error?.message ?? `The target answered ${result.status}.`,
          };
        }
      } catch (error) {
        view.failed += 1;
        view.last_error = {
          delivery: id,
          code: isHookbenchError(error) ? error.code : 'internal_error',
          message: (error as Error).message,
        };
        if (!isHookbenchError(error)) log?.(`bulk replay ${view.job}: ${(error as Error).stack ?? String(error)}`);
      }
      view.done += 1;
      report();
    }
    if (trailing) clearTimeout(trailing);
    if (view.state === 'running') view.state = 'done';
    view.finished_at = new Date().toISOString();
    progress(view);
    forgetOldJobs();
  }

  function forgetOldJobs(): void {
    const finished = [...jobs.values()].filter((job) => job.view.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) jobs.delete(job.view.job);
  }

  const find = (id: string): RunningJob => {
    const job = jobs.get(id);
    if (!job)
      throw new HookbenchError('not_found', `No replay job ${JSON.stringify(id)} (finished jobs are kept for a while, not forever).`, 404);
    return job;
  };

  return {
    /** Starts a job; resolves the id list (or counts the filter's matches) first, then answers at once. */
    async start(request: BulkReplayRequest, filter: ArrivalFilter | null): Promise<ReplayJob> {
      let ids: Iterable<string>;
      let total: number;
      if (filter) {
        const upTo = await pages.snapshot(filter);
        total = pages.count(filter, upTo);
        ids = matching(filter, upTo);
      } else {
        const ordered = byArrival(request.ids ?? []);
        total = ordered.length;
        ids = ordered;
      }
      const view: ReplayJob = {
        job: newId('rpj'),
        state: 'running',
        total,
        done: 0,
        failed: 0,
        mode: request.mode,
        target: request.target ?? null,
        started_at: new Date().toISOString(),
        finished_at: null,
        last_error: null,
      };
      const job: RunningJob = { view, abort: new AbortController(), finished: Promise.resolve() };
      jobs.set(view.job, job);
      progress(view);
      job.finished = run(job, ids, request);
      return { ...view };
    },

    get: (id: string): ReplayJob => ({ ...find(id).view }),

    /** Stops sending: the replay in flight is cut short (and recorded as failed), nothing after it is sent. */
    cancel(id: string): ReplayJob {
      const job = find(id);
      if (job.view.state === 'running') {
        job.view.state = 'cancelled';
        job.abort.abort();
      }
      return { ...job.view };
    },

    /** Engine stop: cancels every running job and waits until none is sending. */
    async stop(): Promise<void> {
      const running = [...jobs.values()].filter((job) => job.view.state === 'running');
      for (const job of running) this.cancel(job.view.job);
      await Promise.all(running.map((job) => job.finished));
    },
  };
}

export type BulkReplays = ReturnType<typeof createBulkReplays>;
