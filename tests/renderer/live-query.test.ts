import { describe, expect, it } from 'vitest';
import { AnswerOrder } from '../../renderer/src/model/delivery/answer-order.js';
import { LiveQuery } from '../../renderer/src/model/common/live-query.js';
import { TrailingThrottle, type ThrottleTimers } from '../../renderer/src/model/common/trailing-throttle.js';

/** A clock that only moves when told, with timers that fire as it passes them. */
function fakeTimers(): ThrottleTimers & { advance(ms: number): void; pending(): number } {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}

/** A promise settled from outside, to finish requests in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TrailingThrottle', () => {
  it('runs a burst of requests once after the settle time, then at most once per interval, always once after the last', () => {
    const timers = fakeTimers();
    const runs: number[] = [];
    const throttle = new TrailingThrottle(() => runs.push(timers.now()), 1_000, 100, timers);
    const start = timers.now();

    for (let i = 0; i < 50; i += 1) throttle.request();
    timers.advance(100);
    expect(runs).toEqual([start + 100]);

    // A stream: a request every 50 ms for three seconds.
    for (let t = 0; t < 3_000; t += 50) {
      throttle.request();
      timers.advance(50);
    }
    timers.advance(2_000);
    const gaps = runs.slice(1).map((run, i) => run - runs[i]);
    expect(gaps.every((gap) => gap >= 1_000)).toBe(true);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(5);
    // The last request, at the end of the stream, was followed by a run.
    expect(runs.at(-1)).toBeGreaterThanOrEqual(start + 100 + 3_000 - 50);
    expect(throttle.pending).toBe(false);
  });

  it('counts a run outside the throttle, and forgets a pending run when cancelled', () => {
    const timers = fakeTimers();
    let runs = 0;
    const throttle = new TrailingThrottle(() => (runs += 1), 1_000, 0, timers);
    throttle.ran();
    throttle.request();
    timers.advance(999);
    expect(runs).toBe(0);
    timers.advance(1);
    expect(runs).toBe(1);
    throttle.request();
    throttle.cancel();
    timers.advance(5_000);
    expect(runs).toBe(1);
  });
});

describe('AnswerOrder', () => {
  it('drops an answer older than the one shown', () => {
    const order = new AnswerOrder();
    const first = order.issue();
    const second = order.issue();
    expect(order.accept(second)).toBe(true);
    expect(order.accept(first)).toBe(false);
  });

  it('takes answers in order, and drops those asked before the question changed', () => {
    const order = new AnswerOrder();
    const first = order.issue();
    expect(order.accept(first)).toBe(true);
    const before = order.issue();
    order.reset();
    const after = order.issue();
    expect(order.accept(before)).toBe(false);
    expect(order.accept(after)).toBe(true);
  });
});

describe('LiveQuery', () => {
  it('never lets a slow old answer overwrite a newer one', async () => {
    const requests: ReturnType<typeof deferred<string>>[] = [];
    const query = new LiveQuery(
      () => {
        const request = deferred<string>();
        requests.push(request);
        return request.promise;
      },
      { timers: fakeTimers() },
    );

    void query.restart();
    void query.restart();
    requests[1].resolve('new');
    await settle();
    expect(query.getSnapshot()).toEqual({ data: 'new', error: null, loading: false });
    requests[0].resolve('old');
    await settle();
    expect(query.getSnapshot().data).toBe('new');
  });

  it('shows a throttled refetch that finishes after an earlier one, and drops answers to the old question after a restart', async () => {
    const timers = fakeTimers();
    const requests: ReturnType<typeof deferred<string>>[] = [];
    const query = new LiveQuery(
      () => {
        const request = deferred<string>();
        requests.push(request);
        return request.promise;
      },
      { timers, intervalMs: 1_000, settleMs: 100 },
    );

    void query.restart();
    requests[0].resolve('a');
    await settle();
    query.poke();
    timers.advance(1_000);
    query.poke();
    timers.advance(1_000);
    expect(requests).toHaveLength(3);
    requests[1].resolve('b');
    await settle();
    requests[2].resolve('c');
    await settle();
    expect(query.getSnapshot().data).toBe('c');

    query.poke();
    timers.advance(1_000);
    void query.restart();
    requests[3].resolve('before the change');
    await settle();
    expect(query.getSnapshot()).toMatchObject({ data: 'c', loading: true });
    requests[4].resolve('after the change');
    await settle();
    expect(query.getSnapshot()).toEqual({ data: 'after the change', error: null, loading: false });
  });

  it('keeps the last answer when a refetch fails, and tells listeners', async () => {
    let fail = false;
    const query = new LiveQuery(() => (fail ? Promise.reject(new Error('The engine is gone.')) : Promise.resolve(42)), {
      timers: fakeTimers(),
    });
    let notified = 0;
    query.subscribe(() => (notified += 1));
    await query.restart();
    fail = true;
    await query.restart();
    expect(query.getSnapshot()).toEqual({ data: 42, error: 'The engine is gone.', loading: false });
    expect(notified).toBeGreaterThanOrEqual(4);
  });

  it('fetches nothing more once stopped', async () => {
    const timers = fakeTimers();
    let calls = 0;
    const query = new LiveQuery(() => Promise.resolve((calls += 1)), { timers });
    await query.restart();
    query.poke();
    query.stop();
    timers.advance(5_000);
    expect(calls).toBe(1);
    expect(timers.pending()).toBe(0);
  });
});
