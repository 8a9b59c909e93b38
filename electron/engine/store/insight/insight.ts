import type { Direction } from '../../../../shared/api/deliveries.js';
import type { DeliveryRateSeries, RateBucket, ResponseTimeDistribution, StatusCounts } from '../../../../shared/api/insight.js';
import type { Db } from '../database.js';
import { BUCKET_MINUTES, bucketStart, windowMinutes, type InsightWindow } from './insight-window.js';
import { binnedPercentile, responseTimeBins } from './response-time-stats.js';
import { minuteSql, msBinSql, sourceKeySql, STATUS_CLASSES, statusClassSql } from './rollup-keys.js';

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

/** The rollup's columns, and the same values computed from a deliveries row for the ones not derived yet. */
const FROM_ROLLUP = { minute: 'minute', source_key: 'source_key', direction: 'direction', status_class: 'status_class', ms_bin: 'ms_bin' };
const FROM_ROWS = {
  minute: minuteSql('d'),
  source_key: sourceKeySql('d'),
  direction: 'd.direction',
  status_class: statusClassSql('d'),
  ms_bin: msBinSql('d'),
};

/** WHERE for a window and scope, over the rollup or over deliveries rows; the minute range comes first, as in the rollup's key. */
function windowWhere(columns: typeof FROM_ROLLUP, window: InsightWindow, scope: InsightScope): { sql: string; params: unknown[] } {
  const { from, to } = windowMinutes(window);
  const clauses = [`${columns.minute} BETWEEN ? AND ?`];
  const params: unknown[] = [from, to];
  if (scope.sourceKey !== undefined) {
    clauses.push(`${columns.source_key} = ?`);
    params.push(scope.sourceKey);
  }
  if (scope.direction !== undefined) {
    clauses.push(`${columns.direction} = ?`);
    params.push(scope.direction);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * The rollup rows of a window and scope, with the deliveries derived data has not caught up with
 * yet counted one by one from their rows (a handful; seq order finds them), in one statement, so
 * both parts are read from the same snapshot.
 */
function countedRows(window: InsightWindow, scope: InsightScope, columns: string[]): { sql: string; params: unknown[] } {
  const rolled = windowWhere(FROM_ROLLUP, window, scope);
  const pending = windowWhere(FROM_ROWS, window, scope);
  const pick = (names: Record<string, string>) => columns.map((column) => `${names[column]} AS ${column}`).join(', ');
  return {
    sql: `SELECT ${pick(FROM_ROLLUP)}, n FROM delivery_rollup WHERE ${rolled.sql}
      UNION ALL
      SELECT ${pick(FROM_ROWS)}, 1 AS n FROM deliveries d WHERE d.seq > (SELECT seq FROM derived_progress) AND ${pending.sql}`,
    params: [...rolled.params, ...pending.params],
  };
}

/** Chart queries over the rollup of migration 005: their cost follows the window (and the few deliveries not derived yet), not the stored deliveries. */
export function createInsightQueries(db: Db) {
  return {
    rate(window: InsightWindow, scope: InsightScope): DeliveryRateSeries {
      const counted = countedRows(window, scope, ['minute', 'status_class']);
      // A literal divisor: better-sqlite3 binds numbers as REAL, and the division must stay integral.
      const rows = db
        .prepare(
          `SELECT minute / ${BUCKET_MINUTES[window.bucket]} AS bucket, status_class, sum(n) AS n FROM (${counted.sql}) GROUP BY 1, 2`,
        )
        .all(...counted.params) as RateRow[];
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
      const counted = countedRows(window, scope, ['ms_bin']);
      const rows = db.prepare(`SELECT ms_bin, sum(n) AS n FROM (${counted.sql}) GROUP BY 1`).all(...counted.params) as {
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
