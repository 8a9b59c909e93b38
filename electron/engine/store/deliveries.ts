import type { DeliveryList, DeliveryListQuery, DeliveryRecord } from '../../../shared/api/deliveries.js';
import type { Db } from './database.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { SUMMARY_COLUMNS, toRecord, toSummary, type NewDelivery, type RecordRow, type SummaryRow } from './delivery-rows.js';

export interface DeliveryFilter extends Omit<DeliveryListQuery, 'inbox'> {
  inboxId?: string;
}

const STATUS_RANGES: Record<string, [number, number]> = {
  '1xx': [100, 199],
  '2xx': [200, 299],
  '3xx': [300, 399],
  '4xx': [400, 499],
  '5xx': [500, 599],
};

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Turns list filters into one WHERE clause; every filter is backed by an index or the seq order. */
export function buildWhere(filter: DeliveryFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.direction) (clauses.push('direction = ?'), params.push(filter.direction));
  if (filter.inboxId) (clauses.push('inbox_id = ?'), params.push(filter.inboxId));
  if (filter.integration) (clauses.push('integration_id = ?'), params.push(filter.integration));
  if (filter.event) (clauses.push('event = ?'), params.push(filter.event));
  if (filter.status === 'none') clauses.push('response_status IS NULL');
  else if (filter.status) (clauses.push('response_status BETWEEN ? AND ?'), params.push(...STATUS_RANGES[filter.status]));
  if (filter.q) {
    clauses.push("(path LIKE ? ESCAPE '\\' OR event LIKE ? ESCAPE '\\')");
    params.push(likePattern(filter.q), likePattern(filter.q));
  }
  if (filter.before) (clauses.push('seq < ?'), params.push(decodeCursor(filter.before)));
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function createDeliveryQueries(db: Db) {
  const insertRow = db.prepare(`
    INSERT INTO deliveries (id, direction, inbox_id, integration_id, method, path, headers_json, content_type,
      body_size, json_state, remote_address, tls, via, received_at, response_status, response_headers_json,
      event, delivery_id, signature_verdict, signature_json, schema_valid, schema_json, replay_of)
    VALUES (@id, @direction, @inboxId, @integrationId, @method, @path, @headersJson, @contentType,
      @bodySize, @jsonState, @remoteAddress, @tls, @via, @receivedAt, @responseStatus, @responseHeadersJson,
      @event, @deliveryId, @signatureVerdict, @signatureJson, @schemaValid, @schemaJson, @replayOf)`);
  const insertBody = db.prepare('INSERT INTO delivery_bodies (seq, body, response_body) VALUES (?, ?, ?)');
  const selectRecord = db.prepare(`
    SELECT d.*, b.body, b.response_body FROM deliveries d LEFT JOIN delivery_bodies b ON b.seq = d.seq WHERE d.id = ?`);
  const deleteRow = db.prepare('DELETE FROM deliveries WHERE id = ?');
  const countRows = db.prepare('SELECT count(*) AS n FROM deliveries');
  const countByInbox = db.prepare('SELECT count(*) AS n FROM deliveries WHERE inbox_id = ?');
  const selectSummaryById = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id = ?`);

  return {
    /** Writes one delivery; callers batch these inside one transaction (see group-commit.ts). */
    insert(d: NewDelivery): number {
      const { lastInsertRowid } = insertRow.run({
        id: d.id,
        direction: d.direction,
        inboxId: d.inboxId,
        integrationId: d.integrationId,
        method: d.method,
        path: d.path,
        headersJson: JSON.stringify(d.headers),
        contentType: d.contentType,
        bodySize: d.body.byteLength,
        jsonState: d.jsonState,
        remoteAddress: d.remoteAddress,
        tls: d.tls ? 1 : 0,
        via: d.via,
        receivedAt: d.receivedAt,
        responseStatus: d.response?.status ?? null,
        responseHeadersJson: d.response ? JSON.stringify(d.response.headers) : null,
        event: d.event,
        deliveryId: d.deliveryId,
        signatureVerdict: d.signature?.verdict ?? null,
        signatureJson: d.signature ? JSON.stringify(d.signature) : null,
        schemaValid: d.schema ? (d.schema.valid ? 1 : 0) : null,
        schemaJson: d.schema ? JSON.stringify(d.schema) : null,
        replayOf: d.replayOf,
      });
      const seq = Number(lastInsertRowid);
      insertBody.run(seq, d.body, d.response?.body ?? null);
      return seq;
    },

    list(filter: DeliveryFilter): DeliveryList {
      const where = buildWhere(filter);
      const rows = db
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.sql} ORDER BY seq DESC LIMIT ?`)
        .all(...where.params, filter.limit + 1) as SummaryRow[];
      const page = rows.slice(0, filter.limit);
      const more = rows.length > filter.limit;
      return { items: page.map(toSummary), next: more ? encodeCursor(page[page.length - 1].seq) : null };
    },

    get(id: string): DeliveryRecord | null {
      const row = selectRecord.get(id) as RecordRow | undefined;
      return row ? toRecord(row) : null;
    },

    summary(id: string) {
      const row = selectSummaryById.get(id) as SummaryRow | undefined;
      return row ? toSummary(row) : null;
    },

    delete(id: string): boolean {
      return deleteRow.run(id).changes > 0;
    },

    count(inboxId?: string): number {
      const row = (inboxId ? countByInbox.get(inboxId) : countRows.get()) as { n: number };
      return row.n;
    },
  };
}

export type DeliveryQueries = ReturnType<typeof createDeliveryQueries>;
