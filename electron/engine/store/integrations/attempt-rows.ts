import type { RawHeaders } from '../../../../shared/api/common.js';
import type { DeliveryAttempt, DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { encodeBody } from '../../../../shared/api/body-codec.js';
import type { Db } from '../database.js';

/** A delivery_attempts row (migration 001, outcome and url from 002). */
export interface AttemptRow {
  id: string;
  delivery_seq: number;
  attempt: number;
  started_at: number;
  duration_ms: number | null;
  request_headers_json: string;
  response_status: number | null;
  response_headers_json: string | null;
  response_body: Buffer | null;
  response_truncated: number;
  error_class: string | null;
  error_message: string | null;
  outcome: DeliveryAttempt['outcome'];
  url: string | null;
}

export function toApiAttempt(row: AttemptRow): DeliveryAttempt {
  return {
    id: row.id,
    attempt: row.attempt,
    outcome: row.outcome,
    url: row.url,
    started_at: new Date(row.started_at).toISOString(),
    duration_ms: row.duration_ms,
    request_headers: JSON.parse(row.request_headers_json) as RawHeaders,
    response:
      row.response_status === null
        ? null
        : {
            status: row.response_status,
            headers: JSON.parse(row.response_headers_json ?? '[]') as RawHeaders,
            body: encodeBody(row.response_body ?? Buffer.alloc(0)),
            truncated: row.response_truncated === 1,
          },
    error_class: row.error_class,
    error_message: row.error_message,
  };
}

/** Every attempt of one delivery, oldest first. */
export function createAttemptQueries(db: Db) {
  const bySeq = db.prepare('SELECT * FROM delivery_attempts WHERE delivery_seq = ? ORDER BY attempt');
  return { of: (seq: number) => (bySeq.all(seq) as AttemptRow[]).map(toApiAttempt) };
}

/**
 * An outgoing delivery's record: its attempts log, and the request headers, URL and response of
 * its latest attempt (the delivery row itself only keeps what lists filter on).
 */
export function withAttempts(record: DeliveryRecord, targetUrl: string | null, attempts: DeliveryAttempt[]): DeliveryRecord {
  const latest = attempts.at(-1);
  const answered = attempts.findLast((attempt) => attempt.response !== null);
  return {
    ...record,
    headers: latest?.request_headers ?? record.headers,
    target_url: latest?.url ?? targetUrl,
    response: answered?.response
      ? { status: answered.response.status, headers: answered.response.headers, body: answered.response.body }
      : null,
    attempts,
  };
}
