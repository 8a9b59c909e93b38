import type { RawHeaders } from '../../../../shared/api/common.js';
import type { DispatchState } from '../../../../shared/api/deliveries.js';
import type { Db } from '../database.js';
import type { DeliverySeqs } from '../deliveries/delivery-seqs.js';
import { attemptResponseMs } from '../insight/response-time.js';
import type { WriteQueue } from '../write-queue.js';

export type SkippedReason = 'disabled' | 'integration_deleted' | 'url_refused';

/** An outgoing delivery before it has a row: one event for one integration, its body fixed for good. */
export interface NewOutgoing {
  id: string;
  integrationId: string;
  event: string;
  deliveryId: string;
  url: URL;
  body: Buffer;
  createdAt: number;
  state: 'queued' | 'sending' | 'skipped' | 'interrupted';
  skippedReason: SkippedReason | null;
}

/** What a queued job needs to (re)send a stored delivery. */
export interface StoredOutgoing {
  seq: number;
  id: string;
  integration_id: string | null;
  event: string;
  delivery_id: string;
  dispatch_state: DispatchState;
  body: Buffer;
}

/** How an attempt ended, as the attempts log records it. */
export interface FinishedAttempt {
  outcome: 'succeeded' | 'failed' | 'interrupted';
  durationMs: number;
  status: number | null;
  responseHeaders: RawHeaders | null;
  responseBody: Buffer | null;
  truncated: boolean;
  errorClass: string | null;
  errorMessage: string | null;
}

export interface BeginAttempt {
  attemptId: string;
  seq: number;
  startedAt: number;
  url: URL;
  requestHeaders: RawHeaders;
}

/**
 * Outgoing deliveries and their attempts. The statement methods run inside the caller's writes
 * (WriteQueue.write), so that a turn's attempts share a batch and an outcome is written together
 * with the failure count it changes. An integration deleted meanwhile leaves integration_id NULL
 * instead of failing the batch.
 */
export function createOutgoingRows(db: Db, writes: WriteQueue, seqs: DeliverySeqs) {
  const insertDelivery = db.prepare(`
    INSERT INTO deliveries (seq, id, direction, integration_id, method, path, headers_json, content_type, body_size, json_state,
      tls, via, received_at, event, delivery_id, dispatch_state, skipped_reason, target_url)
    VALUES (?, ?, 'out', (SELECT id FROM integrations WHERE id = ?), 'POST', ?, '[]', 'application/json', ?, 'valid', ?, 'dispatch', ?, ?, ?, ?, ?, ?)`);
  const insertBody = db.prepare('INSERT INTO delivery_bodies (seq, body, response_body) VALUES (?, ?, NULL)');
  const selectStored = db.prepare(`
    SELECT d.seq, d.id, d.integration_id, d.event, d.delivery_id, d.dispatch_state, b.body
    FROM deliveries d JOIN delivery_bodies b ON b.seq = d.seq WHERE d.id = ? AND d.direction = 'out'`);
  const exists = db.prepare('SELECT 1 FROM deliveries WHERE seq = ?');
  const insertAttempt = db.prepare(`
    INSERT INTO delivery_attempts (id, delivery_seq, integration_id, attempt, started_at, request_headers_json, url, outcome)
    VALUES (?, ?, (SELECT integration_id FROM deliveries WHERE seq = ?), (SELECT coalesce(max(attempt), 0) + 1 FROM delivery_attempts WHERE delivery_seq = ?),
      ?, ?, ?, 'sending')`);
  // The delivery row keeps only what lists filter on; its request headers, URL and response are its latest attempt's.
  const markSending = db.prepare("UPDATE deliveries SET dispatch_state = 'sending', skipped_reason = NULL WHERE seq = ?");
  const finishAttempt = db.prepare(`
    UPDATE delivery_attempts SET outcome = ?, duration_ms = ?, response_status = ?, response_headers_json = ?,
      response_body = ?, response_truncated = ?, error_class = ?, error_message = ? WHERE id = ?`);
  const finishDelivery = db.prepare(
    'UPDATE deliveries SET dispatch_state = ?, error_class = ?, response_status = ?, response_ms = ? WHERE seq = ?',
  );
  const setState = db.prepare('UPDATE deliveries SET dispatch_state = ?, skipped_reason = ? WHERE seq = ?');
  const skippedOf = db.prepare(`
    SELECT id FROM deliveries WHERE integration_id = ? AND dispatch_state = 'skipped' AND skipped_reason = 'disabled' ORDER BY seq`);
  const settleAttempts = db.prepare(`
    UPDATE delivery_attempts SET outcome = 'interrupted',
      error_message = 'Hookbench stopped before this attempt finished; it was not counted. Redeliver to send it again.'
    WHERE outcome = 'sending'`);
  const settleDeliveries = db.prepare("UPDATE deliveries SET dispatch_state = 'interrupted' WHERE dispatch_state IN ('queued', 'sending')");
  const setting = db.prepare('SELECT value FROM engine_settings WHERE key = ?');

  const inWrite = () => writes.assertWriting('an outgoing delivery write');

  const rows = {
    insert(d: NewOutgoing): number {
      inWrite();
      const seq = seqs.next();
      insertDelivery.run(
        seq,
        d.id,
        d.integrationId,
        d.url.pathname + d.url.search,
        d.body.byteLength,
        d.url.protocol === 'https:' ? 1 : 0,
        d.createdAt,
        d.event,
        d.deliveryId,
        d.state,
        d.skippedReason,
        d.url.href,
      );
      insertBody.run(seq, d.body);
      return seq;
    },

    stored: (id: string) => selectStored.get(id) as StoredOutgoing | undefined,

    /** Records the attempt as started; false when the delivery was deleted meanwhile. */
    begin(a: BeginAttempt): boolean {
      inWrite();
      if (!exists.get(a.seq)) return false;
      insertAttempt.run(a.attemptId, a.seq, a.seq, a.seq, a.startedAt, JSON.stringify(a.requestHeaders), a.url.href);
      markSending.run(a.seq);
      return true;
    },

    /** A new delivery whose line is free: stored already sending, with its first attempt, in one go. */
    insertSending(d: NewOutgoing, a: Omit<BeginAttempt, 'seq'>): number {
      const seq = rows.insert({ ...d, state: 'sending' });
      insertAttempt.run(a.attemptId, seq, seq, seq, a.startedAt, JSON.stringify(a.requestHeaders), a.url.href);
      return seq;
    },

    finish(attemptId: string, seq: number, r: FinishedAttempt): void {
      inWrite();
      const headers = r.responseHeaders ? JSON.stringify(r.responseHeaders) : null;
      finishAttempt.run(
        r.outcome,
        r.durationMs,
        r.status,
        headers,
        r.responseBody,
        r.truncated ? 1 : 0,
        r.errorClass,
        r.errorMessage,
        attemptId,
      );
      const state: DispatchState = r.outcome === 'succeeded' ? 'delivered' : r.outcome;
      finishDelivery.run(state, r.errorClass, r.status, attemptResponseMs(r), seq);
    },

    setState(seq: number, state: DispatchState, skippedReason: SkippedReason | null = null): void {
      inWrite();
      setState.run(state, skippedReason, seq);
    },

    skippedWhileDisabled: (integrationId: string) => (skippedOf.all(integrationId) as { id: string }[]).map((r) => r.id),

    /**
     * Opening the store, before any write: attempts and deliveries left mid-way by a crash become
     * interrupted, never counted. One transaction of its own, fsynced by SQLite, like a migration.
     */
    settleUnfinished: db.transaction(() => ({ attempts: settleAttempts.run().changes, deliveries: settleDeliveries.run().changes })),

    setting: (key: string) => (setting.get(key) as { value: string } | undefined)?.value ?? null,
  };
  return rows;
}

export type OutgoingRows = ReturnType<typeof createOutgoingRows>;
