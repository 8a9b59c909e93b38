import { DEFAULT_INSIGHT_BUCKETS, MAX_INSIGHT_BUCKETS, type InsightBucket } from '../../../../shared/api/insight.js';
import { HookbenchError } from '../../../../shared/errors.js';

export const BUCKET_MINUTES: Record<InsightBucket, number> = { minute: 1, hour: 60 };

/** A chart's window in whole buckets: the rollup counts whole minutes, so a bucket is never cut. */
export interface InsightWindow {
  bucket: InsightBucket;
  /** Index of the first bucket since the epoch, in bucket units. */
  first: number;
  count: number;
  /** The end as asked (epoch ms); the last bucket is the one holding it. */
  until: number;
}

function invalidWindow(message: string): HookbenchError {
  return new HookbenchError('invalid_window', message, 400);
}

/** The window a query asks for, or an error that says how to ask for one that fits. */
export function resolveWindow(query: { bucket: InsightBucket; since?: string; until?: string }, now: number): InsightWindow {
  const bucketMs = BUCKET_MINUTES[query.bucket] * 60_000;
  const until = query.until === undefined ? now : Date.parse(query.until);
  const last = Math.floor(until / bucketMs);
  if (query.since === undefined) {
    const count = DEFAULT_INSIGHT_BUCKETS[query.bucket];
    return { bucket: query.bucket, first: last - count + 1, count, until };
  }
  const since = Date.parse(query.since);
  const untilText = new Date(until).toISOString();
  if (since > until) {
    throw invalidWindow(
      `since (${query.since}) is after until (${untilText}); give a since before until, or leave since out for the default window.`,
    );
  }
  const first = Math.floor(since / bucketMs);
  const count = last - first + 1;
  if (count > MAX_INSIGHT_BUCKETS) {
    const hint = query.bucket === 'minute' ? ', or ask for bucket=hour' : '';
    throw invalidWindow(
      `The window from ${query.since} to ${untilText} holds ${count} ${query.bucket} buckets; one answer holds at most ${MAX_INSIGHT_BUCKETS}. Move since closer to until${hint}.`,
    );
  }
  return { bucket: query.bucket, first, count, until };
}

/** The rollup minutes a window covers, both ends included. */
export function windowMinutes(window: InsightWindow): { from: number; to: number } {
  const minutes = BUCKET_MINUTES[window.bucket];
  return { from: window.first * minutes, to: (window.first + window.count) * minutes - 1 };
}

/** Start of bucket `index` of the window, as an ISO time. */
export function bucketStart(window: InsightWindow, index: number): string {
  return new Date((window.first + index) * BUCKET_MINUTES[window.bucket] * 60_000).toISOString();
}
