import type { DeliverySummary } from '../../../shared/api/deliveries.js';

/** The n-th of a run of incoming deliveries, a second apart, with `patch` on top. */
export function summary(n: number, patch: Partial<DeliverySummary> = {}): DeliverySummary {
  return {
    id: `d${n}`,
    direction: 'in',
    inbox_id: 'inbox-default',
    integration_id: null,
    method: 'POST',
    path: `/hook/${n}`,
    event: null,
    delivery_id: null,
    content_type: 'application/json',
    size: 10,
    json: 'valid',
    signature_verdict: null,
    schema_valid: null,
    response_status: 200,
    received_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    via: 'direct',
    tls: false,
    remote_address: '127.0.0.1',
    ...patch,
  };
}
