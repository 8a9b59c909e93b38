import type { RawHeaders } from '../../../../shared/api/common.js';
import type { DeliveryList, DeliveryRecord, InlineDeliveryRecord } from '../../../../shared/api/deliveries.js';
import type { Db } from '../database.js';
import { createAttemptQueries, withAttempts } from '../integrations/attempt-rows.js';
import { findMatch } from '../search/match-snippet.js';
import type { WriteQueue } from '../write-queue.js';
import { encodeCursor } from './cursor.js';
import type { DeliveryFilter } from './delivery-filter.js';
import type { DeliveryRemoval } from './delivery-removal.js';
import { bodyHref, SUMMARY_COLUMNS, toRecord, toSummary, type NewDelivery, type RecordRow, type SummaryRow } from './delivery-rows.js';
import type { DeliverySeqs } from './delivery-seqs.js';
import { buildWhere } from './delivery-where.js';

export type { DeliveryFilter } from './delivery-filter.js';

/** The summary columns qualified by the `d` alias, since the search table has a `path` column too. */
const SUMMARY_COLUMNS_D = SUMMARY_COLUMNS.split(',')
  .map((c) => `d.${c.trim()}`)
  .join(', ');

/** The first part of a body a match snippet looks at; lenient, since the cut may split a character. */
const SNIPPET_BODY_BYTES = 64 * 1024;
const lenientUtf8 = new TextDecoder('utf-8');

/** Deliveries up to the watermark are counted in delivery_counts; the few after it are counted from their rows. */
const NOT_YET_DERIVED = 'seq > (SELECT seq FROM derived_progress)';

export interface DeliveryRepositoryParts {
  writes: WriteQueue;
  seqs: DeliverySeqs;
  removal: DeliveryRemoval;
  /** Resolves once the search index holds every delivery committed so far. */
  searchCurrent: () => Promise<void>;
}

/** Incoming deliveries and what every delivery shares: its row, its bodies, lists, search, counts, pins and deletes. */
export function createDeliveryRepository(db: Db, { writes, seqs, removal, searchCurrent }: DeliveryRepositoryParts) {
  // Positional parameters: binding by name costs a third of the insert on the ingest path.
  const insertRow = db.prepare(`
    INSERT INTO deliveries (seq, id, direction, inbox_id, integration_id, method, path, headers_json, content_type,
      body_size, json_state, remote_address, tls, via, received_at, response_status, response_headers_json,
      event, delivery_id, signature_verdict, signature_json, schema_valid, schema_json, replay_of, answer_json,
      tunnel_provider, remote_address_source, relay_request_id, queued_at, drained_at, duplicate_of, signature_scheme)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (relay_request_id) WHERE relay_request_id IS NOT NULL DO NOTHING`);
  const insertBody = db.prepare('INSERT INTO delivery_bodies (seq, body, response_body) VALUES (?, ?, ?)');
  // One probe of deliveries_by_delivery_id (migration 011); earlier rows of the same batch are seen, being in the same transaction.
  const firstWithDeliveryId = db
    .prepare("SELECT id FROM deliveries WHERE inbox_id = ? AND delivery_id = ? AND direction = 'in' ORDER BY seq LIMIT 1")
    .pluck();
  // Reads deliveries_duplicates, which holds only the duplicates.
  const countDuplicates = db.prepare('SELECT count(*) FROM deliveries WHERE inbox_id = ? AND duplicate_of IS NOT NULL').pluck();
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
  const seqOf = db.prepare('SELECT seq FROM deliveries WHERE id = ?').pluck();
  const setPinned = db.prepare('UPDATE deliveries SET pinned = ? WHERE id = ?');
  // One statement each, so the derived part and the rest are read from the same snapshot.
  const countAll = db
    .prepare(`SELECT (SELECT coalesce(sum(n), 0) FROM delivery_counts) + (SELECT count(*) FROM deliveries WHERE ${NOT_YET_DERIVED})`)
    .pluck();
  const countByInbox = db
    .prepare(
      `SELECT coalesce((SELECT n FROM delivery_counts WHERE inbox_key = @inbox), 0)
        + (SELECT count(*) FROM deliveries WHERE inbox_id = @inbox AND ${NOT_YET_DERIVED})`,
    )
    .pluck();
  const selectSummaryById = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`);
  const selectByRelayRequest = db.prepare('SELECT id FROM deliveries WHERE relay_request_id = ?').pluck();
  const attempts = createAttemptQueries(db);

  /**
   * The row and its bodies; search entry, counts and rollup follow from the watermark (store/derived/).
   * A relay request id already stored writes nothing and returns null (its seq stays a harmless gap).
   */
  function insert(d: NewDelivery): number | null {
    writes.assertWriting('a delivery insert');
    const seq = seqs.next();
    // Marked at insert, so the live row and every list show it; only rows with a delivery_id pay the lookup.
    d.duplicateOf =
      d.direction === 'in' && d.inboxId !== null && d.deliveryId !== null
        ? ((firstWithDeliveryId.get(d.inboxId, d.deliveryId) as string | undefined) ?? null)
        : null;
    const { changes } = insertRow.run(
      seq,
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
      d.signature?.scheme ?? null,
    );
    if (changes === 0) return null;
    insertBody.run(seq, d.body, d.response?.body ?? null);
    return seq;
  }

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
    /** Inside a write: one delivery's row and bytes (store.commitDelivery is the receiver's durable write of one). */
    insert,

    /**
     * Newest first. A search is driven from the search index in descending seq order, so the first
     * page stops after `limit` hits however many rows match.
     */
    async list(filter: DeliveryFilter): Promise<DeliveryList> {
      const joined = Boolean(filter.match);
      if (joined) await searchCurrent();
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

    /** Durable; false when there was no such delivery. Its counts and search entry go with it (delivery-removal.ts). */
    delete: (id: string): Promise<boolean> =>
      writes.write('durable', () => {
        const seq = seqOf.get(id) as number | undefined;
        return seq !== undefined && removal.seqs([seq]) > 0;
      }),

    setPinned: (id: string, pinned: boolean): Promise<boolean> =>
      writes.write('durable', () => setPinned.run(pinned ? 1 : 0, id).changes > 0),

    /** Exact, and O(1) but for the deliveries derived data has not caught up with yet. */
    /** Received deliveries of the inbox whose delivery_id it saw before. */
    duplicates: (inboxId: string): number => countDuplicates.get(inboxId) as number,

    count(inboxId?: string): number {
      return (inboxId === undefined ? countAll.get() : countByInbox.get({ inbox: inboxId })) as number;
    },
  };
}

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
