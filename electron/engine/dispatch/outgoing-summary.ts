import type { DeliverySummary } from '../../../shared/api/deliveries.js';
import type { OutgoingResult } from '../../../shared/api/integrations.js';
import type { AttemptResult } from '../outbound/attempt-result.js';
import type { NewOutgoing, SkippedReason } from '../store/integrations/outgoing-rows.js';

/**
 * The list-row view of an outgoing delivery, kept in memory while it moves through its line, so
 * each live update is sent without reading the row back. Mirrors store/delivery-rows.ts toSummary.
 */
export function newOutgoingSummary(d: NewOutgoing): DeliverySummary {
  return {
    id: d.id,
    direction: 'out',
    inbox_id: null,
    integration_id: d.integrationId,
    method: 'POST',
    path: d.url.pathname + d.url.search,
    event: d.event,
    delivery_id: d.deliveryId,
    content_type: 'application/json',
    size: d.body.byteLength,
    json: 'valid',
    signature_verdict: null,
    schema_valid: null,
    response_status: null,
    received_at: new Date(d.createdAt).toISOString(),
    via: 'dispatch',
    tls: d.url.protocol === 'https:',
    remote_address: null,
    tunnel_provider: null,
    remote_address_source: null,
    pinned: false,
    dispatch_state: d.state,
    error_class: null,
    skipped_reason: d.skippedReason,
  };
}

export function sendingSummary(s: DeliverySummary, url: URL): DeliverySummary {
  return { ...s, dispatch_state: 'sending', skipped_reason: null, path: url.pathname + url.search, tls: url.protocol === 'https:' };
}

export function settledSummary(s: DeliverySummary, r: AttemptResult): DeliverySummary {
  return {
    ...s,
    dispatch_state: r.outcome === 'succeeded' ? 'delivered' : r.outcome,
    error_class: r.errorClass,
    response_status: r.status,
  };
}

export function skippedSummary(
  s: DeliverySummary,
  reason: SkippedReason | null,
  state: 'skipped' | 'interrupted' | 'queued' = 'skipped',
): DeliverySummary {
  return { ...s, dispatch_state: state, skipped_reason: reason };
}

export function toOutgoingResult(s: DeliverySummary): OutgoingResult {
  return {
    id: s.id,
    integration_id: s.integration_id,
    event: s.event ?? '',
    delivery_id: s.delivery_id ?? '',
    state: s.dispatch_state ?? 'queued',
    response_status: s.response_status,
    error_class: s.error_class ?? null,
    skipped_reason: s.skipped_reason ?? null,
  };
}
