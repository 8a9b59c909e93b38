import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReplayJob } from '../../shared/api/replays.js';
import {
  applyProgress,
  BulkReplayStore,
  progressFraction,
  type BulkReplaySource,
} from '../../renderer/src/model/deliveries/bulk-replay-store.js';
import { LiveFeed } from '../../renderer/src/model/common/live-feed.js';

function job(patch: Partial<ReplayJob> = {}): ReplayJob {
  return {
    job: 'rpj_1',
    state: 'running',
    total: 10,
    done: 0,
    failed: 0,
    mode: 'exact',
    target: 'http://localhost:3000/webhooks',
    started_at: '2026-03-06T15:30:00.000Z',
    finished_at: null,
    last_error: null,
    ...patch,
  };
}

const progress = (patch: Partial<ReplayJob>) => ({
  type: 'replay.progress' as const,
  job: 'rpj_1',
  state: 'running' as const,
  done: 0,
  total: 10,
  failed: 0,
  ...patch,
});

function source(overrides: Partial<BulkReplaySource> = {}): BulkReplaySource & { started: unknown[] } {
  const started: unknown[] = [];
  return {
    started,
    startBulk: (body) => (started.push(body), Promise.resolve(job())),
    getJob: () => Promise.resolve(job()),
    cancelJob: () => Promise.resolve(job({ state: 'cancelled', done: 4 })),
    ...overrides,
  };
}

afterEach(() => vi.useRealTimers());

describe('bulk replay progress', () => {
  it('applies progress of its own job, never going back from finished to running', () => {
    expect(applyProgress(job(), progress({ done: 4, failed: 1 }))).toMatchObject({ done: 4, failed: 1, state: 'running' });
    expect(applyProgress(job(), { ...progress({ done: 9 }), job: 'rpj_other' })).toMatchObject({ done: 0 });
    expect(applyProgress(job({ state: 'done', done: 10 }), progress({ done: 9 }))).toMatchObject({ state: 'done', done: 10 });
    expect(progressFraction({ done: 3, total: 12 })).toBe(0.25);
    expect(progressFraction({ done: 0, total: 0 })).toBe(1);
  });

  it('starts a job, follows replay.progress from the feed, and cancels it', async () => {
    const feed = new LiveFeed();
    const api = source();
    const store = new BulkReplayStore(api, feed);
    await store.start({ filter: { inbox: 'stripe' }, mode: 'exact' });
    expect(api.started).toEqual([{ filter: { inbox: 'stripe' }, mode: 'exact' }]);
    feed.publish(progress({ done: 3 }));
    expect(store.getSnapshot().job).toMatchObject({ state: 'running', done: 3 });
    await store.cancel();
    expect(store.getSnapshot().job).toMatchObject({ state: 'cancelled', done: 4 });
    store.dismiss();
    expect(store.getSnapshot().job).toBeNull();
  });

  it('keeps progress that arrives before the answer to the start request', async () => {
    const feed = new LiveFeed();
    let answer!: (value: ReplayJob) => void;
    const store = new BulkReplayStore(source({ startBulk: () => new Promise((resolve) => (answer = resolve)) }), feed);
    const started = store.start({ ids: ['a'], mode: 'exact' });
    feed.publish(progress({ state: 'done', done: 10, total: 10 }));
    answer(job());
    await started;
    expect(store.getSnapshot().job).toMatchObject({ state: 'done', done: 10 });
  });

  it('shows the engine refusing a job', async () => {
    const store = new BulkReplayStore(
      source({ startBulk: async () => Promise.reject(new Error('No delivery with id "x".')) }),
      new LiveFeed(),
    );
    expect(await store.start({ ids: ['x'], mode: 'exact' })).toBeNull();
    expect(store.getSnapshot()).toMatchObject({ starting: false, error: 'No delivery with id "x".', job: null });
  });

  it('reads a running job again when progress goes quiet or the feed comes back', async () => {
    vi.useFakeTimers();
    const feed = new LiveFeed();
    let reads = 0;
    const store = new BulkReplayStore(source({ getJob: () => ((reads += 1), Promise.resolve(job({ done: 6 }))) }), feed);
    await store.start({ ids: ['a'], mode: 'exact' });
    await vi.advanceTimersByTimeAsync(1600);
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(store.getSnapshot().job?.done).toBe(6);
    feed.publish(progress({ state: 'done', done: 10 }));
    const before = reads;
    await vi.advanceTimersByTimeAsync(5000);
    expect(reads).toBe(before);
    feed.resumed();
    expect(reads).toBe(before);
  });
});
