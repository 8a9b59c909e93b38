import { describe, expect, it } from 'vitest';
import type { DeliveryRateSeries, RateBucket, StatusCounts } from '../../shared/api/insight.js';
import { readChartTheme } from '../../renderer/src/model/common/chart-theme.js';
import { bucketLabel, bucketSpan, rateCaption, rateChartModel } from '../../renderer/src/model/insight/rate-chart.js';

const theme = readChartTheme(() => '', 'light');

function bucket(start: string, counts: Partial<StatusCounts> = {}): RateBucket {
  const full = { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0, ...counts };
  return { start, counts: full, total: Object.values(full).reduce((sum, n) => sum + n, 0) };
}

function series(buckets: RateBucket[], kind: 'minute' | 'hour' = 'minute'): DeliveryRateSeries {
  return {
    bucket: kind,
    since: buckets[0].start,
    until: buckets.at(-1)!.start,
    buckets,
    total: buckets.reduce((sum, b) => sum + b.total, 0),
  };
}

describe('rateChartModel', () => {
  const answer = series([
    bucket('2026-03-06T14:03:00Z', { '2xx': 2 }),
    bucket('2026-03-06T14:04:00Z'),
    bucket('2026-03-06T14:05:00Z', { '2xx': 3, '5xx': 4, none: 1 }),
  ]);

  it('stacks one dataset per status class, each coloured like its status badge', () => {
    const model = rateChartModel(answer, theme, 'UTC');
    expect(model.datasets.map((d) => d.statusClass)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx', 'none']);
    expect(model.datasets.find((d) => d.statusClass === '2xx')).toMatchObject({ label: '2xx success', data: [2, 0, 3], color: '#007a5a' });
    expect(model.datasets.find((d) => d.statusClass === '5xx')).toMatchObject({
      label: '5xx server error',
      data: [0, 0, 4],
      color: '#bb3d0b',
    });
    expect(model.datasets.find((d) => d.statusClass === 'none')).toMatchObject({ label: 'No response', data: [0, 0, 1] });
  });

  it('labels each bucket, finds the peak and lists the classes that occur', () => {
    const model = rateChartModel(answer, theme, 'UTC');
    expect(model.labels).toEqual(['14:03', '14:04', '14:05']);
    expect(model).toMatchObject({ total: 10, peak: 8, peakLabel: '14:05', present: ['2xx', '5xx', 'none'] });
  });

  it('has no peak when nothing arrived', () => {
    const model = rateChartModel(series([bucket('2026-03-06T14:03:00Z')]), theme, 'UTC');
    expect(model).toMatchObject({ total: 0, peak: 0, peakLabel: null, present: [] });
  });
});

describe('bucket labels', () => {
  it('reads minutes as a clock time and hours with the weekday at midnight', () => {
    expect(bucketLabel('2026-03-06T14:05:00Z', 'minute', 'UTC')).toBe('14:05');
    expect(bucketLabel('2026-03-06T14:00:00Z', 'hour', 'UTC')).toBe('14:00');
    expect(bucketLabel('2026-03-06T00:00:00Z', 'hour', 'UTC')).toBe('Fri 00:00');
    expect(bucketLabel('2026-03-06T00:00:00Z', 'hour', 'America/New_York')).toBe('19:00');
  });

  it('spans a bucket for the tooltip', () => {
    expect(bucketSpan('2026-03-06T14:05:00Z', 'minute', 'UTC')).toBe('14:05–14:06');
    expect(bucketSpan('2026-03-06T23:00:00Z', 'hour', 'UTC')).toBe('Fri 23:00–00:00');
  });
});

describe('rateCaption', () => {
  it('gives the total and the busiest bucket in the window the toggle names', () => {
    expect(rateCaption({ total: 1234, peak: 80, peakLabel: '14:05' }, 'minute')).toBe('1,234 in the last 60 min · peak 80/min at 14:05');
    expect(rateCaption({ total: 3, peak: 2, peakLabel: 'Fri 00:00' }, 'hour')).toBe('3 in the last 48 h · peak 2/h at Fri 00:00');
    expect(rateCaption({ total: 0, peak: 0, peakLabel: null }, 'hour')).toBe('No deliveries in the last 48 h');
  });
});
