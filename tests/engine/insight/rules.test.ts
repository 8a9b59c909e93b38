import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RESPONSE_TIME_EDGES_MS } from '../../../shared/api/insight.js';
import { failureStreaks } from '../../../electron/engine/store/failure-streak.js';
import { rateBuckets } from '../../../electron/engine/store/insight/insight.js';
import { resolveWindow, windowMinutes } from '../../../electron/engine/store/insight/insight-window.js';
import { answerResponseMs, attemptResponseMs } from '../../../electron/engine/store/insight/response-time.js';
import { binnedPercentile, responseTimeBins } from '../../../electron/engine/store/insight/response-time-stats.js';
import { msBinOf, msBinSql, statusClassSql } from '../../../electron/engine/store/insight/rollup-keys.js';

const NOW = Date.parse('2026-03-01T12:34:56.789Z');

describe('insight window', () => {
  it('defaults to the 60 minute buckets ending with the one holding now', () => {
    const window = resolveWindow({ bucket: 'minute' }, NOW);
    expect(window.count).toBe(60);
    expect(new Date(window.first * 60_000).toISOString()).toBe('2026-03-01T11:35:00.000Z');
    expect(windowMinutes(window)).toEqual({ from: window.first, to: Math.floor(NOW / 60_000) });
  });

  it('defaults to 48 hour buckets by hour, covering whole hours', () => {
    const window = resolveWindow({ bucket: 'hour' }, NOW);
    expect(window.count).toBe(48);
    expect(new Date(window.first * 3_600_000).toISOString()).toBe('2026-02-27T13:00:00.000Z');
    const { from, to } = windowMinutes(window);
    expect(to - from + 1).toBe(48 * 60);
  });

  it('rounds since down to its bucket and keeps until as asked', () => {
    const window = resolveWindow({ bucket: 'hour', since: '2026-03-01T09:59:59Z', until: '2026-03-01T12:00:00Z' }, NOW);
    expect(new Date(window.first * 3_600_000).toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(window.count).toBe(4);
    expect(window.until).toBe(Date.parse('2026-03-01T12:00:00Z'));
  });

  it('refuses a since after until with invalid_window and says what to change', () => {
    expect(() => resolveWindow({ bucket: 'minute', since: '2026-03-01T13:00:00Z' }, NOW)).toThrow(
      expect.objectContaining({
        code: 'invalid_window',
        status: 400,
        message: expect.stringMatching(/since .* is after until .*; give a since before until/),
      }),
    );
  });

  it('refuses more than 1440 buckets and suggests bucket=hour for minutes', () => {
    const since = new Date(NOW - 24 * 3_600_000).toISOString();
    expect(() => resolveWindow({ bucket: 'minute', since }, NOW)).toThrow(
      expect.objectContaining({
        code: 'invalid_window',
        message: expect.stringMatching(/holds 1441 minute buckets; one answer holds at most 1440\. .*bucket=hour/),
      }),
    );
    expect(resolveWindow({ bucket: 'minute', since: new Date(NOW - 1439 * 60_000).toISOString() }, NOW).count).toBe(1440);
    expect(resolveWindow({ bucket: 'hour', since }, NOW).count).toBe(25);
  });
});

describe('rate buckets', () => {
  it('fills every bucket of the window, oldest first, and sorts rows into status classes', () => {
    const window = resolveWindow({ bucket: 'minute', since: '2026-03-01T12:00:00Z', until: '2026-03-01T12:03:10Z' }, NOW);
    const first = window.first;
    const buckets = rateBuckets(window, [
      { bucket: first, status_class: 2, n: 3 },
      { bucket: first, status_class: 5, n: 1 },
      { bucket: first + 2, status_class: 0, n: 2 },
      { bucket: first + 3, status_class: 1, n: 1 },
    ]);
    expect(buckets.map((b) => b.start)).toEqual([
      '2026-03-01T12:00:00.000Z',
      '2026-03-01T12:01:00.000Z',
      '2026-03-01T12:02:00.000Z',
      '2026-03-01T12:03:00.000Z',
    ]);
    expect(buckets[0]).toMatchObject({ counts: { '2xx': 3, '5xx': 1, none: 0 }, total: 4 });
    expect(buckets[1]).toMatchObject({ counts: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 }, total: 0 });
    expect(buckets[2]).toMatchObject({ counts: { none: 2 }, total: 2 });
    expect(buckets[3]).toMatchObject({ counts: { '1xx': 1 }, total: 1 });
  });
});

describe('rollup keys in SQL', () => {
  const db = new Database(':memory:');
  const keysOf = db.prepare(
    `SELECT ${statusClassSql('r')} AS status_class, ${msBinSql('r')} AS ms_bin FROM (SELECT CAST(? AS INTEGER) AS response_status, CAST(? AS INTEGER) AS response_ms) r`,
  );

  it('bins response times exactly as msBinOf does, on and around every edge', () => {
    const values: Array<number | null> = [null, -3, 0];
    for (const edge of RESPONSE_TIME_EDGES_MS) values.push(edge - 1, edge, edge + 1);
    values.push(86_400_000);
    for (const ms of values) expect((keysOf.get(200, ms) as { ms_bin: number }).ms_bin, `ms ${ms}`).toBe(msBinOf(ms));
    expect(msBinOf(4)).toBe(0);
    expect(msBinOf(5)).toBe(1);
    expect(msBinOf(9_999)).toBe(10);
    expect(msBinOf(10_000)).toBe(11);
  });

  it('classes statuses like the list filter: 1..5 for 1xx..5xx, none for no status, 0 and out of range', () => {
    const classOf = (status: number | null) => (keysOf.get(status, null) as { status_class: number }).status_class;
    expect([100, 199, 200, 302, 404, 599].map(classOf)).toEqual([1, 1, 2, 3, 4, 5]);
    expect([null, 0, 99, 600, 999].map(classOf)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('response-time statistics', () => {
  const bins = (counts: Record<number, number>) => responseTimeBins(new Map(Object.entries(counts).map(([k, v]) => [Number(k), v])));

  it('gives one bin per edge, the last one open', () => {
    const all = bins({ 0: 1, 11: 2 });
    expect(all).toHaveLength(RESPONSE_TIME_EDGES_MS.length);
    expect(all[0]).toEqual({ min_ms: 0, max_ms: 5, count: 1 });
    expect(all.at(-1)).toEqual({ min_ms: 10_000, max_ms: null, count: 2 });
  });

  it('takes the upper edge of the bin holding the nearest rank', () => {
    // 50 in [10,25), 40 in [50,100), 9 in [250,500), 1 in [1000,2500).
    const b = bins({ 2: 50, 4: 40, 6: 9, 8: 1 });
    expect(binnedPercentile(b, 0.5)).toBe(25);
    expect(binnedPercentile(b, 0.51)).toBe(100);
    expect(binnedPercentile(b, 0.9)).toBe(100);
    expect(binnedPercentile(b, 0.99)).toBe(500);
    expect(binnedPercentile(b, 1)).toBe(2_500);
  });

  it('gives the open bin its lower edge and nothing timed null', () => {
    expect(binnedPercentile(bins({ 11: 3 }), 0.5)).toBe(10_000);
    expect(binnedPercentile(bins({}), 0.5)).toBeNull();
  });
});

describe('response time of a delivery', () => {
  it('is the attempt duration when an answer came or the attempt timed out, else nothing', () => {
    const attempt = { durationMs: 120, status: 500, errorClass: 'http_500', outcome: 'failed' };
    expect(attemptResponseMs(attempt)).toBe(120);
    expect(attemptResponseMs({ ...attempt, status: 200, errorClass: null, outcome: 'succeeded' })).toBe(120);
    expect(attemptResponseMs({ ...attempt, status: null, errorClass: 'timeout' })).toBe(120);
    expect(attemptResponseMs({ ...attempt, status: null, errorClass: 'refused' })).toBeNull();
    expect(attemptResponseMs({ ...attempt, status: null, errorClass: null, outcome: 'interrupted' })).toBeNull();
  });

  it('is the forward or replay duration when sent or timed out, and nothing for Hookbench-made answers', () => {
    expect(answerResponseMs({ source: 'forward', outcome: 'sent', duration_ms: 40 })).toBe(40);
    expect(answerResponseMs({ source: 'replay', outcome: 'timeout', duration_ms: 5_000 })).toBe(5_000);
    expect(answerResponseMs({ source: 'forward', outcome: 'failed', duration_ms: 2 })).toBeNull();
    expect(answerResponseMs({ source: 'forward', outcome: 'pending' })).toBeNull();
    expect(answerResponseMs({ source: 'scripted', outcome: 'sent', delay_ms: 300 })).toBeNull();
  });
});

describe('failure streaks', () => {
  const attempts = (outcomes: string[]) => outcomes.map((outcome, i) => ({ rowid: i + 1, outcome: outcome as 'failed' }));

  it('adds failures, resets on success and leaves interrupted and sending attempts alone', () => {
    expect(failureStreaks(attempts(['failed', 'failed', 'interrupted', 'failed', 'succeeded', 'failed', 'sending']), [], true)).toEqual([
      1, 2, 2, 3, 0, 1, 1,
    ]);
  });

  it('freezes while disabled (test sends do not count) and starts again at 0 on re-enable', () => {
    const outcomes = attempts(['failed', 'failed', 'succeeded', 'failed', 'failed']);
    const changes = [
      { kind: 'disabled' as const, last_attempt: 2 },
      { kind: 'enabled' as const, last_attempt: 3 },
    ];
    expect(failureStreaks(outcomes, changes, true)).toEqual([1, 2, 2, 1, 2]);
  });

  it('counts nothing before a first enable when the integration started disabled', () => {
    expect(failureStreaks(attempts(['failed', 'failed']), [{ kind: 'enabled', last_attempt: 1 }], false)).toEqual([0, 1]);
  });
});
