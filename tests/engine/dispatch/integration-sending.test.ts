import { describe, expect, it } from 'vitest';
import { integrationSending } from '../../../electron/engine/dispatch/integration-sending.js';
import { deliveryHeaders } from '../../../electron/engine/dispatch/delivery-request.js';
import type { IntegrationRow } from '../../../electron/engine/store/integrations/integration-repository.js';
import { sign } from '../../../shared/inboundflow/signature.js';

function row(changes: Partial<IntegrationRow> = {}): IntegrationRow {
  return {
    id: 'int_1',
    kind: 'custom',
    name: 'One',
    url: 'https://hooks.example.com/in?x=1',
    events_json: '["call.completed"]',
    secret: 'whsec_first',
    previous_secret: null,
    previous_secret_expires_at: null,
    enabled: 1,
    consecutive_failures: 0,
    disabled_reason: null,
    disabled_at: null,
    created_at: 1,
    updated_at: 1,
    ...changes,
  };
}

describe('what sending to an integration needs, prepared once per row', () => {
  it('signs with a key made once from the secret exactly as with the secret itself', () => {
    const body = Buffer.from('{"event":"call.completed","data":{"note":"é"}}');
    const sending = integrationSending(row(), false);
    const headers = deliveryHeaders({ event: 'call.completed', deliveryId: 'd1', timestamp: 1700000000, body, secret: sending.signingKey });
    expect(headers.at(-1)).toEqual(['X-InboundFlow-Signature', sign('whsec_first', 1700000000, body)]);
    expect(integrationSending(row({ secret: null }), false).signingKey).toBeNull();
  });

  it('works a row out once and a changed row (a new object from the repository) again', () => {
    const first = row();
    expect(integrationSending(first, false)).toBe(integrationSending(first, false));
    const rotated = integrationSending(row({ secret: 'whsec_second' }), false);
    const body = Buffer.from('{}');
    expect(deliveryHeaders({ event: 'e', deliveryId: 'd', timestamp: 1, body, secret: rotated.signingKey }).at(-1)![1]).toBe(
      sign('whsec_second', 1, body),
    );
  });

  it('keeps the stored URL as the target and checks it by InboundFlow’s rule', () => {
    const plain = integrationSending(row({ url: 'http://127.0.0.1:9/hook' }), false);
    expect(plain.target.href).toBe('http://127.0.0.1:9/hook');
    expect(plain.checked).toBeNull();
    expect(integrationSending(row({ url: 'http://127.0.0.1:9/hook' }), true).checked?.href).toBe('http://127.0.0.1:9/hook');
  });
});
