import type { RawHeaders } from '../../../shared/api/common.js';
import type { DeliveryAttempt } from '../../../shared/api/deliveries.js';
import { encodeBody } from '../../../shared/api/body-codec.js';
import type { Db } from './database.js';

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
