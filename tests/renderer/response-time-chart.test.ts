import { describe, expect, it } from 'vitest';
import { RESPONSE_TIME_EDGES_MS, type ResponseTimeDistribution } from '../../shared/api/insight.js';
import { readChartTheme } from '../../renderer/src/model/common/chart-theme.js';
import {
  formatDurationMs,
  percentileCaption,
  responseTimeBinLabel,
  responseTimeChartModel,
  responseTimeTooltip,
  timedCaption,
} from '../../renderer/src/model/insight/response-time-chart.js';

const bins = RESPONSE_TIME_EDGES_MS.map((min, index) => ({ min_ms: min, max_ms: RESPONSE_TIME_EDGES_MS[index + 1] ?? null, count: 0 }));

function distribution(counts: Record<number, number>, rest: Partial<ResponseTimeDistribution> = {}): ResponseTimeDistribution {
  return {
    since: '2026-03-06T13:05:00Z',
    until: '2026-03-06T14:05:00Z',
    bins: bins.map((bin) => ({ ...bin, count: counts[bin.min_ms] ?? 0 })),
    timed: Object.values(counts).reduce((sum, n) => sum + n, 0),
    untimed: 0,
    p50_ms: null,
    p90_ms: null,
    p99_ms: null,
    ...rest,
  };
}

describe('response-time labels', () => {
  it('labels every bin of the shared edges, the first as an upper bound and the last as open', () => {
    expect(bins.map((bin) => responseTimeBinLabel(bin.min_ms, bin.max_ms))).toEqual([
      '<5 ms',
      '5–10 ms',
      '10–25 ms',
      '25–50 ms',
      '50–100 ms',
      '100–250 ms',
      '250–500 ms',
      '500 ms–1 s',
      '1–2.5 s',
      '2.5–5 s',
      '5–10 s',
      '≥10 s',
    ]);
  });

  it('writes milliseconds below a second and seconds above', () => {
    expect(formatDurationMs(0)).toBe('0 ms');
    expect(formatDurationMs(999)).toBe('999 ms');
    expect(formatDurationMs(1_000)).toBe('1 s');
    expect(formatDurationMs(2_500)).toBe('2.5 s');
    expect(formatDurationMs(1_234)).toBe('1.23 s');
  });
});

describe('responseTimeChartModel', () => {
  it('gives one bar per bin in the accent colour, the open timeout bin in the failure colour', () => {
    const theme = readChartTheme((name) => ({ '--accent': '#8b8dff', '--status-5xx': '#ff7b4f' })[name] ?? '', 'dark');
    const model = responseTimeChartModel(distribution({ 5: 3, 100: 1, 10_000: 2 }, { untimed: 4 }), theme);
    expect(model.counts).toEqual([0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    expect(model.labels).toHaveLength(RESPONSE_TIME_EDGES_MS.length);
    expect(model.colors.slice(0, 11).every((colour) => colour === '#8b8dff')).toBe(true);
    expect(model.colors[11]).toBe('#ff7b4f');
    expect(model).toMatchObject({ timed: 6, untimed: 4 });
  });

  it('tells the share of timed deliveries in a bin', () => {
    expect(responseTimeTooltip({ count: 3 }, 12)).toBe('3 deliveries (25%)');
    expect(responseTimeTooltip({ count: 1 }, 0)).toBe('1 delivery');
  });
});

describe('captions', () => {
  it('gives the percentiles as upper bounds', () => {
    expect(percentileCaption({ p50_ms: 25, p90_ms: 250, p99_ms: 1_000 })).toBe('p50 ≤ 25 ms · p90 ≤ 250 ms · p99 ≤ 1 s');
    expect(percentileCaption({ p50_ms: null, p90_ms: null, p99_ms: null })).toBeNull();
  });

  it('counts the timed and untimed deliveries', () => {
    expect(timedCaption({ timed: 1200, untimed: 3 })).toBe('1,200 timed · 3 untimed');
    expect(timedCaption({ timed: 5, untimed: 0 })).toBe('5 timed');
    expect(timedCaption({ timed: 0, untimed: 7 })).toBe('Nothing timed yet · 7 untimed');
  });
});
