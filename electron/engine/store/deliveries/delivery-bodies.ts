import type { RawHeaders } from '../../../../shared/api/common.js';
import type { Db } from '../database.js';

export type BodyPart = 'request' | 'response';

/** One stored body, for GET /api/deliveries/:id/body. */
export type StoredBody =
  | { kind: 'found'; bytes: Buffer; contentType: string | null }
  /** The delivery exists but has no recorded response (its record's `response` is null). */
  | { kind: 'no_response' }
  | { kind: 'not_found' };

interface BodyRow {
  bytes: Buffer | null;
  answered: number;
  content_type: string | null;
  response_headers_json: string | null;
}

/**
 * Reads one body blob by delivery id, no more of the row than its content type. The response part
 * is the body the record shows as `response`: the stored answer of an incoming delivery, the
 * latest answered attempt of an outgoing one (see withAttempts).
 */
export function createDeliveryBodyQueries(db: Db) {
  const latestAnswer = (column: string) =>
    `(SELECT a.${column} FROM delivery_attempts a WHERE a.delivery_seq = d.seq AND a.response_status IS NOT NULL ORDER BY a.attempt DESC LIMIT 1)`;
  const request = db.prepare(`
    SELECT b.body AS bytes, 1 AS answered, d.content_type, NULL AS response_headers_json
    FROM deliveries d LEFT JOIN delivery_bodies b ON b.seq = d.seq WHERE d.id = ?`);
  const response = db.prepare(`
    SELECT
      CASE WHEN d.direction = 'out' THEN ${latestAnswer('response_body')} ELSE b.response_body END AS bytes,
      CASE WHEN d.direction = 'out' THEN ${latestAnswer('response_status')} IS NOT NULL ELSE d.response_status IS NOT NULL END AS answered,
      NULL AS content_type,
      CASE WHEN d.direction = 'out' THEN ${latestAnswer('response_headers_json')} ELSE d.response_headers_json END AS response_headers_json
    FROM deliveries d LEFT JOIN delivery_bodies b ON b.seq = d.seq WHERE d.id = ?`);

  return {
    read(id: string, part: BodyPart): StoredBody {
      const row = (part === 'request' ? request : response).get(id) as BodyRow | undefined;
      if (!row) return { kind: 'not_found' };
      if (!row.answered) return { kind: 'no_response' };
      const contentType = part === 'request' ? row.content_type : responseContentType(row.response_headers_json);
      return { kind: 'found', bytes: row.bytes ?? Buffer.alloc(0), contentType };
    },
  };
}

function responseContentType(headersJson: string | null): string | null {
  const headers = JSON.parse(headersJson ?? '[]') as RawHeaders;
  return headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
}

export type DeliveryBodyQueries = ReturnType<typeof createDeliveryBodyQueries>;
