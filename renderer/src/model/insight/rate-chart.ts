import type { DeliveryRateSeries, InsightBucket } from '../../../../shared/api/insight.js';
import type { ChartTheme } from '../common/chart-theme.js';
import { STATUS_CLASSES, statusClassLabel, type StatusClass } from '../common/status-class.js';

export interface RateDataset {
  statusClass: StatusClass;
  label: string;
  data: number[];
  color: string;
}

export interface RateChartModel {
  /** One per bucket, oldest first: "14:05", or "14:00" by the hour with the weekday at midnight. */
  labels: string[];
  /** One per status class, stacked bottom to top in STATUS_CLASSES order. */
  datasets: RateDataset[];
  total: number;
  peak: number;
  /** The busiest bucket's label, or null when nothing arrived. */
  peakLabel: string | null;
  /** The classes that occur in the window, for the legend. */
  present: StatusClass[];
}

/** The window each bucket size shows, as the toggle names it. */
export const RATE_WINDOWS: Record<InsightBucket, { label: string; unit: string }> = {
  minute: { label: 'last 60 min', unit: 'min' },
  hour: { label: 'last 48 h', unit: 'h' },
};

const clock = (timeZone?: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
const weekday = (timeZone?: string) => new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone });

/** A bucket's axis label; `timeZone` is for tests (the UI uses the local one). */
export function bucketLabel(start: string, bucket: InsightBucket, timeZone?: string): string {
  const date = new Date(start);
  const time = clock(timeZone).format(date);
  return bucket === 'hour' && time === '00:00' ? `${weekday(timeZone).format(date)} ${time}` : time;
}

/** A bucket's span for the tooltip: "14:05–14:06", "Wed 14:00–15:00". */
export function bucketSpan(start: string, bucket: InsightBucket, timeZone?: string): string {
  const from = new Date(start);
  const to = new Date(from.getTime() + (bucket === 'hour' ? 3_600_000 : 60_000));
  const span = `${clock(timeZone).format(from)}–${clock(timeZone).format(to)}`;
  return bucket === 'hour' ? `${weekday(timeZone).format(from)} ${span}` : span;
}

/** Stacked datasets, labels and the caption's numbers from the engine's rate series, coloured like the status badges. */
export function rateChartModel(series: DeliveryRateSeries, theme: Pick<ChartTheme, 'status'>, timeZone?: string): RateChartModel {
  const labels = series.buckets.map((bucket) => bucketLabel(bucket.start, series.bucket, timeZone));
  const datasets = STATUS_CLASSES.map((statusClass) => ({
    statusClass,
    label: statusClassLabel(statusClass),
    data: series.buckets.map((bucket) => bucket.counts[statusClass]),
    color: theme.status[statusClass],
  }));
  let peak = 0;
  let peakLabel: string | null = null;
  series.buckets.forEach((bucket, index) => {
    if (bucket.total > peak) {
      peak = bucket.total;
      peakLabel = labels[index];
    }
  });
  const present = STATUS_CLASSES.filter((statusClass) => series.buckets.some((bucket) => bucket.counts[statusClass] > 0));
  return { labels, datasets, total: series.total, peak, peakLabel, present };
}

/** "42 in the last 60 min · peak 9/min at 14:05", or that nothing arrived. */
export function rateCaption(model: Pick<RateChartModel, 'total' | 'peak' | 'peakLabel'>, bucket: InsightBucket): string {
  const { label, unit } = RATE_WINDOWS[bucket];
  if (model.total === 0) return `No deliveries in the ${label}`;
  return `${model.total.toLocaleString('en-US')} in the ${label} · peak ${model.peak.toLocaleString('en-US')}/${unit} at ${model.peakLabel}`;
}
