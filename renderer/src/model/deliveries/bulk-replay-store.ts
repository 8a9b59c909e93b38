import type { z } from 'zod';
import type { LiveMessage } from '../../../../shared/api/live.js';
import type { BulkReplayRequest, ReplayJob, ReplayProgress } from '../../../../shared/api/replays.js';
import type { LiveFeed } from '../common/live-feed.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export interface BulkReplaySource {
  startBulk(body: z.input<typeof BulkReplayRequest>): Promise<ReplayJob>;
  getJob(job: string): Promise<ReplayJob>;
  cancelJob(job: string): Promise<ReplayJob>;
}

export interface BulkReplaySnapshot {
  /** The latest job started from this window, kept after it ends until dismissed. */
  job: ReplayJob | null;
  starting: boolean;
  cancelling: boolean;
  error: string | null;
}

/** Applies a live progress message to the job it belongs to; other jobs' messages leave it as is. */
export function applyProgress(job: ReplayJob, progress: ReplayProgress): ReplayJob {
  if (progress.job !== job.job) return job;
  // Messages can overtake the answer to our own request; a finished job never goes back to running.
  if (job.state !== 'running' && progress.state === 'running') return job;
  return {
    ...job,
    state: progress.state,
    done: Math.max(job.done, progress.done),
    total: progress.total,
    failed: Math.max(job.failed, progress.failed),
  };
}

/** Share of the job done, 0–1; an empty job is complete. */
export function progressFraction(job: Pick<ReplayJob, 'done' | 'total'>): number {
  return job.total === 0 ? 1 : Math.min(1, job.done / job.total);
}

/** Without a progress message for this long, a running job is read again (the feed skips steps it throttles). */
export const PROGRESS_STALE_MS = 1000;

/** The bulk replay started from this window: start, live progress (replay.progress) and cancel. */
export class BulkReplayStore extends SnapshotStore<BulkReplaySnapshot> {
  protected snapshot: BulkReplaySnapshot = { job: null, starting: false, cancelling: false, error: null };
  /** Progress heard while a start request was in flight, by job: a short job can end before its 202 arrives. */
  private early = new Map<string, ReplayProgress>();
  private lastHeard = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly source: BulkReplaySource,
    feed: LiveFeed,
  ) {
    super();
    feed.subscribe((message) => this.receive(message));
    feed.onResumed(() => void this.refresh());
  }

  async start(body: z.input<typeof BulkReplayRequest>): Promise<ReplayJob | null> {
    this.set({ starting: true, error: null, job: null });
    try {
      const started = await this.source.startBulk(body);
      const early = this.early.get(started.job);
      this.early.clear();
      const job = early ? applyProgress(started, early) : started;
      this.set({ starting: false, job });
      return job;
    } catch (error) {
      this.early.clear();
      this.set({ starting: false, error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  async cancel(): Promise<void> {
    const job = this.snapshot.job;
    if (!job || job.state !== 'running') return;
    this.set({ cancelling: true, error: null });
    try {
      const cancelled = await this.source.cancelJob(job.job);
      this.set({
        cancelling: false,
        job:
          this.snapshot.job?.job === cancelled.job
            ? { ...cancelled, done: Math.max(cancelled.done, this.snapshot.job.done) }
            : this.snapshot.job,
      });
    } catch (error) {
      this.set({ cancelling: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  dismiss(): void {
    if (this.snapshot.job?.state === 'running') return;
    this.set({ job: null, error: null });
  }

  /** Reads the running job again: after the feed was down, or when progress has gone quiet. */
  async refresh(): Promise<void> {
    const job = this.snapshot.job;
    if (!job || job.state !== 'running') return;
    try {
      const fresh = await this.source.getJob(job.job);
      const current = this.snapshot.job;
      // A message that said "done" while this read was on its way wins over it.
      if (current?.job === fresh.job && current.state === 'running')
        this.set({ job: { ...fresh, done: Math.max(fresh.done, current.done) } });
    } catch {
      // The next reconnect or progress message tries again.
    }
  }

  private receive(message: LiveMessage): void {
    if (message.type !== 'replay.progress') return;
    if (this.snapshot.starting) this.early.set(message.job, message);
    const job = this.snapshot.job;
    if (!job) return;
    const next = applyProgress(job, message);
    if (next !== job) this.set({ job: next });
  }

  /**
   * The engine sends progress at most every 100 ms and drops the steps in between, so a job waiting on
   * a slow target can sit on an old count; while it runs, a quiet second means reading the job again.
   */
  private watch(): void {
    this.lastHeard = Date.now();
    const running = this.snapshot.job?.state === 'running';
    if (running && !this.watchdog) {
      this.watchdog = setInterval(() => {
        if (Date.now() - this.lastHeard >= PROGRESS_STALE_MS) void this.refresh();
      }, PROGRESS_STALE_MS / 2);
    } else if (!running && this.watchdog) {
      clearInterval(this.watchdog);
      this.watchdog = null;
    }
  }

  private set(patch: Partial<BulkReplaySnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    if ('job' in patch) this.watch();
    this.notify();
  }
}
