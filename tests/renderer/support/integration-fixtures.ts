import type { DeliveryAttempt, DeliveryRecord, DeliverySummary } from '../../../shared/api/deliveries.js';
import type { Integration, OutgoingResult } from '../../../shared/api/integrations.js';
import type { FrameScheduler } from '../../../renderer/src/model/common/frame-batch-queue.js';

export function integration(patch: Partial<Integration> = {}): Integration {
  return {
    id: 'int_1',
    kind: 'custom',
    name: 'CRM',
    url: 'https://crm.example.com/hooks/inboundflow?v=2',
    events: ['call.completed', 'lead.created'],
    secret: 'whsec_0123',
    previous_secret: null,
    previous_secret_expires_at: null,
    enabled: true,
    consecutive_failures: 0,
    disabled_reason: null,
    disabled_at: null,
    skipped_count: 0,
    created_at: '2026-03-06T15:00:00.000Z',
    updated_at: '2026-03-06T15:00:00.000Z',
    warnings: [],
    ...patch,
  };
}

/** An outgoing delivery summary; cast because the summary keeps gaining optional list fields. */
export function outgoing(patch: Partial<DeliverySummary> = {}): DeliverySummary {
  return {
    id: 'dlv_1',
    direction: 'out',
    inbox_id: null,
    integration_id: 'int_1',
    method: 'POST',
    path: '/hooks/inboundflow?v=2',
    event: 'call.completed',
    delivery_id: 'uuid-1',
    content_type: 'application/json',
    size: 500,
    json: 'valid',
    signature_verdict: null,
    schema_valid: null,
    response_status: null,
    received_at: '2026-03-06T15:30:00.000Z',
    via: 'dispatch',
    tls: true,
    remote_address: null,
    dispatch_state: 'queued',
    error_class: null,
    skipped_reason: null,
    ...patch,
  };
}

export function result(patch: Partial<OutgoingResult> = {}): OutgoingResult {
  return {
    id: 'dlv_1',
    integration_id: 'int_1',
    event: 'call.completed',
    delivery_id: 'uuid-1',
    state: 'queued',
    response_status: null,
    error_class: null,
    skipped_reason: null,
    ...patch,
  };
}

export function attempt(patch: Partial<DeliveryAttempt> = {}): DeliveryAttempt {
  return {
    id: 'att_1',
    attempt: 1,
    outcome: 'failed',
    url: 'https://crm.example.com/hooks/inboundflow?v=2',
    started_at: '2026-03-06T15:30:00.000Z',
    duration_ms: 84,
    request_headers: [['Content-Type', 'application/json']],
    response: { status: 500, headers: [], body: { encoding: 'utf8', data: 'oops', size: 4 }, truncated: false },
    error_class: 'http_500',
    error_message: 'The endpoint answered 500; only a 2xx counts as delivered.',
    ...patch,
  };
}

export function record(summary: DeliverySummary, patch: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    ...summary,
    headers: [],
    body: { encoding: 'utf8', data: '{}', size: 2 },
    response: null,
    signature: null,
    schema: null,
    target_url: 'https://crm.example.com/hooks/inboundflow?v=2',
    attempts: [],
    ...patch,
  };
}

export function manualFrames(): FrameScheduler & { flush(): void } {
  let callbacks: (() => void)[] = [];
  return {
    request: (callback) => void callbacks.push(callback),
    flush() {
      const run = callbacks;
      callbacks = [];
      run.forEach((cb) => cb());
    },
  };
}
