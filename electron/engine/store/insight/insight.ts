import type { Direction } from '../../../../shared/api/deliveries.js';
import type { DeliveryRateSeries, RateBucket, ResponseTimeDistribution, StatusCounts } from '../../../../shared/api/insight.js';
import type { Db } from '../database.js';
import { BUCKET_MINUTES, bucketStart, windowMinutes, type InsightWindow } from './insight-window.js';
import { binnedPercentile, responseTimeBins } from './response-time-stats.js';
import { STATUS_CLASSES } from './rollup-keys.js';

/** Which deliveries a chart counts: one inbox or integration (its rollup source key), one direction. */
export interface InsightScope {
  sourceKey?: string;
  direction?: Direction;
}

interface RateRow {
  bucket: number;
  status_class: number;
  n: number;
}

const emptyCounts = (): StatusCounts => ({ '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 });

/** Every bucket of the window, oldest first, from the rows the rollup has (empty buckets have none). */
export function rateBuckets(window: InsightWindow, rows: readonly RateRow[]): RateBucket[] {
  const buckets = Array.from({ length: window.count }, (_, i): RateBucket => ({
    start: bucketStart(window, i),
    counts: emptyCounts(),
    total: 0,
  }));
  for (const row of rows) {
    const bucket = buckets[row.bucket - window.first];
    if (!bucket) continue;
    bucket.counts[STATUS_CLASSES[row.status_class] ?? 'none'] += row.n;
    bucket.total += row.n;
  }
  return buckets;
}

/** WHERE over delivery_rollup for a window and scope; the minute range comes first, as in its key. */
function rollupWhere(window: InsightWindow, scope: InsightScope): { sql: string; params: unknown[] } {
  const { from, to } = windowMinutes(window);
  const clauses = ['minute BETWEEN ? AND ?'];
  const params: unknown[] = [from, to];
  if (scope.sourceKey !== undefined) {
    clauses.push('source_key = ?');
    params.push(scope.sourceKey);
  }
  if (scope.direction !== undefined) {
    clauses.push('direction = ?');
    params.push(scope.direction);
  }
  return { sql: clauses.join(' AND '), params };
}

/** Chart queries over the rollup of migration 005: their cost follows the window, not the stored deliveries. */
export function createInsightQueries(db: Db) {
  return {
    rate(window: InsightWindow, scope: InsightScope): DeliveryRateSeries {
      const where = rollupWhere(window, scope);
      // A literal divisor: better-sqlite3 binds numbers as REAL, and the division must stay integral.
      const rows = db
        .prepare(
          `SELECT minute / ${BUCKET_MINUTES[window.bucket]} AS bucket, status_class, sum(n) AS n FROM delivery_rollup WHERE ${where.sql} GROUP BY 1, 2`,
        )
        .all(...where.params) as RateRow[];
      const buckets = rateBuckets(window, rows);
      return {
        bucket: window.bucket,
        since: bucketStart(window, 0),
        until: new Date(window.until).toISOString(),
        buckets,
        total: buckets.reduce((sum, bucket) => sum + bucket.total, 0),
      };
    },

    responseTimes(window: InsightWindow, scope: InsightScope): ResponseTimeDistribution {
      const where = rollupWhere(window, scope);
      const rows = db.prepare(`SELECT ms_bin, sum(n) AS n FROM delivery_rollup WHERE ${where.sql} GROUP BY 1`).all(...where.params) as {
        ms_bin: number;
        n: number;
      }[];
      const bins = responseTimeBins(new Map(rows.map((row) => [row.ms_bin, row.n])));
      const timed = bins.reduce((sum, bin) => sum + bin.count, 0);
      return {
        since: bucketStart(window, 0),
        until: new Date(window.until).toISOString(),
        bins,
        timed,
        untimed: rows.find((row) => row.ms_bin === -1)?.n ?? 0,
        p50_ms: binnedPercentile(bins, 0.5),
        p90_ms: binnedPercentile(bins, 0.9),
        p99_ms: binnedPercentile(bins, 0.99),
      };
    },
  };
}

export type InsightQueries = ReturnType<typeof createInsightQueries>;
