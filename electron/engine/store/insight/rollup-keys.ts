import { RESPONSE_TIME_EDGES_MS } from '../../../../shared/api/insight.js';

/**
 * The keys of the delivery rollup (migration 005), as SQL over a deliveries row alias (`new`,
 * `old`, `d`) and as the same rules in TypeScript for the queries that read it back.
 */

/** Status classes as the rollup stores them: 1..5 for 1xx..5xx, 0 for none (NULL, 0, out of range). */
export const STATUS_CLASSES = ['none', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/** Like the list's status filter, hang and reset (status 0) count as none. */
export function statusClassSql(row: string): string {
  return `(CASE WHEN ${row}.response_status BETWEEN 100 AND 599 THEN ${row}.response_status / 100 ELSE 0 END)`;
}

/** Index into RESPONSE_TIME_EDGES_MS of the bin holding response_ms, or -1 when untimed. */
export function msBinSql(row: string, edges: readonly number[] = RESPONSE_TIME_EDGES_MS): string {
  const column = `${row}.response_ms`;
  const steps = edges.slice(1).map((edge, i) => `WHEN ${column} < ${edge} THEN ${i}`);
  return `(CASE WHEN ${column} IS NULL THEN -1 ${steps.join(' ')} ELSE ${edges.length - 1} END)`;
}

export function sourceKeySql(row: string): string {
  return `coalesce(${row}.inbox_id, ${row}.integration_id, '')`;
}

export function minuteSql(row: string): string {
  return `(${row}.received_at / 60000)`;
}

/** The bin index msBinSql gives, for tests and labels. */
export function msBinOf(ms: number | null, edges: readonly number[] = RESPONSE_TIME_EDGES_MS): number {
  if (ms === null) return -1;
  const next = edges.findIndex((edge, i) => i > 0 && ms < edge);
  return next === -1 ? edges.length - 1 : next - 1;
}

/** The rollup's key columns, in the order of its primary key. */
export const ROLLUP_KEY_COLUMNS = ['minute', 'source_key', 'direction', 'status_class', 'ms_bin'] as const;

/** The rollup key of a deliveries row alias, one SQL expression per key column. */
export function rollupKeySql(row: string): string[] {
  return [minuteSql(row), sourceKeySql(row), `${row}.direction`, statusClassSql(row), msBinSql(row)];
}
