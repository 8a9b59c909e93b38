import { decodeCursor } from './cursor.js';
import type { DeliveryFilter } from './delivery-filter.js';

const STATUS_RANGES: Record<string, [number, number]> = {
  '1xx': [100, 199],
  '2xx': [200, 299],
  '3xx': [300, 399],
  '4xx': [400, 499],
  '5xx': [500, 599],
};

/**
 * Turns list filters into one WHERE clause over `deliveries d`; every filter is backed by an index,
 * the seq order or the search index. With `joined`, the caller drives the query from the search
 * table (see list) and the MATCH and cursor apply to it directly.
 */
export function buildWhere(filter: Omit<DeliveryFilter, 'limit'> & { limit?: number }, joined = false): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  /** One condition, with the values of its placeholders in order. */
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  // A literal, not a parameter: SQLite only uses the partial index for outgoing rows with a literal.
  if (filter.direction) add(filter.direction === 'out' ? "d.direction = 'out'" : "d.direction = 'in'");
  if (filter.inboxId) add('d.inbox_id = ?', filter.inboxId);
  if (filter.integration) add('d.integration_id = ?', filter.integration);
  if (filter.event) add('d.event = ?', filter.event);
  // Hang and reset store status 0: the sender got no HTTP answer, just as with no response at all.
  if (filter.status === 'none') add('(d.response_status IS NULL OR d.response_status = 0)');
  else if (filter.status && STATUS_RANGES[filter.status]) add('d.response_status BETWEEN ? AND ?', ...STATUS_RANGES[filter.status]);
  else if (filter.status) add('d.response_status = ?', Number(filter.status));
  if (filter.signature) add('d.signature_verdict = ?', filter.signature);
  if (filter.scheme) add('d.signature_scheme = ?', filter.scheme);
  if (filter.schema) add(filter.schema === 'valid' ? 'd.schema_valid = 1' : 'd.schema_valid = 0');
  if (filter.method) add('d.method = ?', filter.method);
  if (filter.replay_of) add('d.replay_of = ?', filter.replay_of);
  if (filter.provider) add('d.tunnel_provider = ?', filter.provider);
  if (filter.queued !== undefined) add(filter.queued ? 'd.queued_at IS NOT NULL' : 'd.queued_at IS NULL');
  if (filter.pinned !== undefined) add(filter.pinned ? 'd.pinned = 1' : 'd.pinned = 0');
  if (filter.duplicate !== undefined) add(filter.duplicate ? 'd.duplicate_of IS NOT NULL' : 'd.duplicate_of IS NULL');
  if (filter.since !== undefined) add('d.received_at >= ?', filter.since);
  if (filter.until !== undefined) add('d.received_at <= ?', filter.until);
  if (filter.match && joined) add('delivery_search MATCH ?', filter.match);
  else if (filter.match) add('d.seq IN (SELECT rowid FROM delivery_search WHERE delivery_search MATCH ?)', filter.match);
  if (filter.before) add(joined ? 'delivery_search.rowid < ?' : 'd.seq < ?', decodeCursor(filter.before));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
