import type { RawHeaders } from '../../../../shared/api/common.js';
import type { DeliveryAnswer } from '../../../../shared/api/responses.js';
import { newId } from '../../ids.js';
import type { StoredAnswer } from '../answers/answer-rows.js';
import type { Db } from '../database.js';
import type { DeliverySeqs } from '../deliveries/delivery-seqs.js';
import { answerResponseMs } from '../insight/response-time.js';
import type { WriteQueue } from '../write-queue.js';

/** What a replay needs of the delivery it replays. */
export interface ReplaySourceRow {
  seq: number;
  id: string;
  direction: 'in' | 'out';
  inbox_id: string | null;
  integration_id: string | null;
  method: string;
  path: string;
  headers_json: string;
  event: string | null;
  delivery_id: string | null;
  target_url: string | null;
  body: Buffer;
}

export interface NewReplay {
  id: string;
  source: ReplaySourceRow;
  url: URL;
  method: string;
  headers: RawHeaders;
  body: Buffer;
  /** Of the request as sent (its content-type header), and whether its body is JSON. */
  contentType: string | null;
  jsonState: 'valid' | 'invalid' | null;
  startedAt: number;
  response: StoredAnswer | null;
  answer: DeliveryAnswer;
  /** The attempts log's failure class: timeout, refused, reset, dns, tls, network or http_<status>; null for a 2xx. */
  errorClass: string | null;
}

/**
 * Replays are outgoing deliveries (via 'replay') that point at what they replayed. Like dispatched
 * deliveries, each has its attempt: the request as sent and the target's answer live there.
 */
export function createReplayRepository(db: Db, writes: WriteQueue, seqs: DeliverySeqs) {
  const selectSource = db.prepare(`
    SELECT d.seq, d.id, d.direction, d.inbox_id, d.integration_id, d.method, d.path, d.headers_json, d.event, d.delivery_id,
      d.target_url, b.body
    FROM deliveries d JOIN delivery_bodies b ON b.seq = d.seq WHERE d.id = ?`);
  const selectSeq = db.prepare('SELECT seq FROM deliveries WHERE id = ?');
  const integrationSecret = db.prepare('SELECT secret FROM integrations WHERE id = ?');
  const insertRow = db.prepare(`
    INSERT INTO deliveries (seq, id, direction, inbox_id, integration_id, method, path, headers_json, content_type, body_size, json_state,
      tls, via, received_at, response_status, response_headers_json, event, delivery_id, replay_of, target_url, answer_json, response_ms,
      error_class)
    VALUES (?, ?, 'out', ?, NULL, ?, ?, ?, ?, ?, ?, ?, 'replay', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBody = db.prepare('INSERT INTO delivery_bodies (seq, body, response_body) VALUES (?, ?, NULL)');
  const insertAttempt = db.prepare(`
    INSERT INTO delivery_attempts (id, delivery_seq, attempt, started_at, duration_ms, request_headers_json, response_status,
      response_headers_json, response_body, response_truncated, error_class, error_message, outcome, url)
    VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`);
  const insert = (r: NewReplay) => {
    const seq = seqs.next();
    insertRow.run(
      seq,
      r.id,
      r.source.inbox_id,
      r.method,
      r.url.pathname + r.url.search,
      JSON.stringify(r.headers),
      r.contentType,
      r.body.byteLength,
      r.jsonState,
      r.url.protocol === 'https:' ? 1 : 0,
      r.startedAt,
      r.response?.status ?? null,
      r.response ? JSON.stringify(r.response.headers) : null,
      r.source.event,
      r.source.delivery_id,
      r.source.id,
      r.url.href,
      JSON.stringify(r.answer),
      answerResponseMs(r.answer),
      // On the row too, so the list can say "refused" for a replay that got no answer, without opening it.
      r.errorClass,
    );
    insertBody.run(seq, r.body);
    const outcome = r.answer.error?.code === 'aborted' ? 'interrupted' : r.errorClass === null ? 'succeeded' : 'failed';
    insertAttempt.run(
      newId('att', r.startedAt),
      seq,
      r.startedAt,
      r.answer.duration_ms ?? null,
      JSON.stringify(r.headers),
      r.response?.status ?? null,
      r.response ? JSON.stringify(r.response.headers) : null,
      r.response?.body ?? null,
      r.errorClass,
      r.answer.error?.message ?? null,
      outcome,
      r.url.href,
    );
  };

  return {
    source: (id: string) => selectSource.get(id) as ReplaySourceRow | undefined,
    seqOf: (id: string) => (selectSeq.get(id) as { seq: number } | undefined)?.seq ?? null,
    integrationSecret: (id: string) => (integrationSecret.get(id) as { secret: string | null } | undefined)?.secret ?? null,
    /** Durable: the replay's answer goes to the API caller only once it is on disk. */
    add: (replay: NewReplay): Promise<void> => writes.write('durable', () => insert(replay)),
  };
}

export type ReplayRepository = ReturnType<typeof createReplayRepository>;
