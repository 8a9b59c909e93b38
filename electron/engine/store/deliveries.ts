import type { RawHeaders } from '../../../shared/api/common.js';
import type { DeliveryList, DeliveryRecord, InlineDeliveryRecord } from '../../../shared/api/deliveries.js';
import { createAttemptQueries, withAttempts } from './attempt-rows.js';
import type { Db } from './database.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { DeliveryFilter } from './delivery-filter.js';
import { bodyHref, SUMMARY_COLUMNS, toRecord, toSummary, type NewDelivery, type RecordRow, type SummaryRow } from './delivery-rows.js';
import { findMatch } from './match-snippet.js';
import { createSearchIndex } from './search-index.js';

export type { DeliveryFilter } from './delivery-filter.js';

const STATUS_RANGES: Record<string, [number, number]> = {
  '1xx': [100, 199],
  '2xx': [200, 299],
  '3xx': [300, 399],
  '4xx': [400, 499],
  '5xx': [500, 599],
};

/** The summary columns qualified by the `d` alias, since the search table has a `path` column too. */
const SUMMARY_COLUMNS_D = SUMMARY_COLUMNS.split(',')
  .map((c) => `d.${c.trim()}`)
  .join(', ');

/** The first part of a body a match snippet looks at; lenient, since the cut may split a character. */
const SNIPPET_BODY_BYTES = 64 * 1024;
const lenientUtf8 = new TextDecoder('utf-8');

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

export function createDeliveryQueries(db: Db) {
  // Positional parameters: binding by name costs a third of the insert on the ingest path.
  const insertRow = db.prepare(`
    INSERT INTO deliveries (id, direction, inbox_id, integration_id, method, path, headers_json, content_type,
      body_size, json_state, remote_address, tls, via, received_at, response_status, response_headers_json,
      event, delivery_id, signature_verdict, signature_json, schema_valid, schema_json, replay_of, answer_json,
      tunnel_provider, remote_address_source, relay_request_id, queued_at, drained_at, duplicate_of)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (relay_request_id) WHERE relay_request_id IS NOT NULL DO NOTHING`);
  const insertBody = db.prepare('INSERT INTO delivery_bodies (seq, body, response_body) VALUES (?, ?, ?)');
  // One probe of deliveries_by_delivery_id (migration 011); earlier rows of the same batch are seen, being in the same transaction.
  const firstWithDeliveryId = db
    .prepare("SELECT id FROM deliveries WHERE inbox_id = ? AND delivery_id = ? AND direction = 'in' ORDER BY seq LIMIT 1")
    .pluck();
  // Reads deliveries_duplicates, which holds only the duplicates.
  const countDuplicates = db.prepare('SELECT count(*) FROM deliveries WHERE inbox_id = ? AND duplicate_of IS NOT NULL').pluck();
  const searchIndex = createSearchIndex(db);
  // A body past the limit is never read: length() of a blob comes from the record header, and a CASE
  // branch not taken leaves the blob's overflow pages untouched.
  const selectRecord = db.prepare(`
    SELECT d.*, length(b.body) AS body_length, length(b.response_body) AS response_body_length,
      CASE WHEN @limit IS NULL OR length(b.body) <= @limit THEN b.body END AS body,
      CASE WHEN @limit IS NULL OR length(b.response_body) <= @limit THEN b.response_body END AS response_body
    FROM deliveries d LEFT JOIN delivery_bodies b ON b.seq = d.seq WHERE d.id = @id`);
  const selectMatchSource = db.prepare(`
    SELECT d.path, d.headers_json, substr(b.body, 1, ${SNIPPET_BODY_BYTES}) AS body
    FROM deliveries d LEFT JOIN delivery_bodies b ON b.seq = d.seq WHERE d.seq = ?`);
  const deleteRow = db.prepare('DELETE FROM deliveries WHERE id = ?');
  const setPinned = db.prepare('UPDATE deliveries SET pinned = ? WHERE id = ?');
  const countAll = db.prepare('SELECT coalesce(sum(n), 0) AS n FROM delivery_counts');
  const countByInbox = db.prepare('SELECT n FROM delivery_counts WHERE inbox_key = ?');
  const selectSummaryById = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`);
  const selectByRelayRequest = db.prepare('SELECT id FROM deliveries WHERE relay_request_id = ?').pluck();
  const attempts = createAttemptQueries(db);

  /** One full record; with an inline limit, bodies larger than it are deferred to the body endpoint. */
  function get(id: string): InlineDeliveryRecord | null;
  function get(id: string, inlineLimit: number | undefined): DeliveryRecord | null;
  function get(id: string, inlineLimit?: number): DeliveryRecord | null {
    const row = selectRecord.get({ id, limit: inlineLimit ?? null }) as RecordRow | undefined;
    if (!row) return null;
    const record = toRecord(row, inlineLimit);
    if (row.direction !== 'out') return record;
    const sent = withAttempts(record, row.target_url, attempts.of(row.seq));
    // The answer shown as `response` is the latest attempt's, read with the attempts log (each cut at 64 KiB).
    const answer = sent.response;
    if (inlineLimit === undefined || !answer || answer.body.size <= inlineLimit) return sent;
    return { ...sent, response: { ...answer, body: { encoding: 'deferred', size: answer.body.size, href: bodyHref(id, 'response') } } };
  }

  function matchOf(seq: number, terms: string[]) {
    const row = selectMatchSource.get(seq) as { path: string; headers_json: string; body: Buffer | null } | undefined;
    if (!row) return null;
    const headers = JSON.parse(row.headers_json) as RawHeaders;
    return findMatch(terms, { path: row.path, headers, bodyText: row.body ? lenientUtf8.decode(row.body) : null });
  }

  return {
    /**
     * Writes one delivery and its search entry; callers batch these inside one transaction (see
     * group-commit.ts). A relay request id already stored writes nothing and returns null.
     */
    insert(d: NewDelivery): number | null {
      // Marked at insert, so the live row and every list show it; only rows with a delivery_id pay the lookup.
      d.duplicateOf =
        d.direction === 'in' && d.inboxId !== null && d.deliveryId !== null
          ? ((firstWithDeliveryId.get(d.inboxId, d.deliveryId) as string | undefined) ?? null)
          : null;
      const { changes, lastInsertRowid } = insertRow.run(
        d.id,
        d.direction,
        d.inboxId,
        d.integrationId,
        d.method,
        d.path,
        JSON.stringify(d.headers),
        d.contentType,
        d.body.byteLength,
        d.jsonState,
        d.remoteAddress,
        d.tls ? 1 : 0,
        d.via,
        d.receivedAt,
        d.response?.status ?? null,
        d.response ? JSON.stringify(d.response.headers) : null,
        d.event,
        d.deliveryId,
        d.signature?.verdict ?? null,
        d.signature ? JSON.stringify(d.signature) : null,
        d.schema ? (d.schema.valid ? 1 : 0) : null,
        d.schema ? JSON.stringify(d.schema) : null,
        d.replayOf,
        d.answer ? JSON.stringify(d.answer) : null,
        d.tunnelProvider ?? null,
        d.remoteAddressSource ?? null,
        d.relayRequestId ?? null,
        d.queuedAt ?? null,
        d.drainedAt ?? null,
        d.duplicateOf,
      );
      if (changes === 0) return null;
      const seq = Number(lastInsertRowid);
      insertBody.run(seq, d.body, d.response?.body ?? null);
      searchIndex.add(seq, d.path, d.headers, d.body);
      return seq;
    },

    /**
     * Newest first. A search is driven from the search index in descending seq order, so the first
     * page stops after `limit` hits however many rows match.
     */
    list(filter: DeliveryFilter): DeliveryList {
      const joined = Boolean(filter.match);
      const where = buildWhere(filter, joined);
      const sql = joined
        ? `SELECT ${SUMMARY_COLUMNS_D} FROM delivery_search CROSS JOIN deliveries d ON d.seq = delivery_search.rowid
           ${where.sql} ORDER BY delivery_search.rowid DESC LIMIT ?`
        : `SELECT ${SUMMARY_COLUMNS_D} FROM deliveries d ${where.sql} ORDER BY d.seq DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...where.params, filter.limit + 1) as SummaryRow[];
      const page = rows.slice(0, filter.limit);
      const more = rows.length > filter.limit;
      const terms = filter.terms ?? [];
      const items = page.map((row) => {
        const summary = toSummary(row);
        if (terms.length === 0) return summary;
        const match = matchOf(row.seq, terms);
        return match ? { ...summary, match } : summary;
      });
      return { items, next: more ? encodeCursor(page[page.length - 1].seq) : null };
    },

    get,

    /** The delivery stored for a relay's queued request, if it was stored already. */
    idOfRelayRequest(relayRequestId: string): string | null {
      return (selectByRelayRequest.get(relayRequestId) as string | undefined) ?? null;
    },

    summary(id: string) {
      const row = selectSummaryById.get(id) as SummaryRow | undefined;
      return row ? toSummary(row) : null;
    },

    /** The search entry and the counts go with the row (triggers of migration 004). */
    delete(id: string): boolean {
      return deleteRow.run(id).changes > 0;
    },

    setPinned(id: string, pinned: boolean): boolean {
      return setPinned.run(pinned ? 1 : 0, id).changes > 0;
    },

    /** O(1): read from the counts the insert and delete triggers keep. */
    /** Received deliveries of the inbox whose delivery_id it saw before. */
    duplicates: (inboxId: string): number => countDuplicates.get(inboxId) as number,

    count(inboxId?: string): number {
      if (inboxId === undefined) return (countAll.get() as { n: number }).n;
      return (countByInbox.get(inboxId) as { n: number } | undefined)?.n ?? 0;
    },
  };
}

export type DeliveryQueries = ReturnType<typeof createDeliveryQueries>;
