import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAD_CREATED_SAMPLE } from '../../../shared/inboundflow/samples.js';
import { sign } from '../../../shared/inboundflow/signature.js';
import type { DeliveryList } from '../../../shared/api/deliveries.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
  await t.apiJson('/api/inboxes', {
    method: 'POST',
    body: JSON.stringify({ name: 'InboundFlow', slug: 'inboundflow', secret: 'whsec_right' }),
    headers: { 'Content-Type': 'application/json' },
  });
});
afterAll(() => t.stop());

const envelope = { ...LEAD_CREATED_SAMPLE, delivery_id: 'del-123' };

async function deliver(secret: string, body: string, slug = 'inboundflow') {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const res = await fetch(`${t.info.httpUrl}/i/${slug}/hook`, {
    method: 'POST',
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-InboundFlow-Event': 'lead.created',
      'X-InboundFlow-Delivery-Id': 'del-123',
      'X-InboundFlow-Timestamp': timestamp,
      'X-InboundFlow-Signature': sign(secret, timestamp, Buffer.from(body)),
      'User-Agent': 'InboundFlow-Webhook/1.0',
    },
  });
  return t.apiJson(`/api/deliveries/${(await res.json()).id}`);
}

describe('InboundFlow verdicts in the receiver', () => {
  it('stores "valid" for a delivery signed with the inbox secret, with event and delivery id', async () => {
    const record = await deliver('whsec_right', JSON.stringify(envelope));
    expect(record.signature_verdict).toBe('valid');
    expect(record.signature.verdict).toBe('valid');
    expect(record).toMatchObject({ event: 'lead.created', delivery_id: 'del-123', schema_valid: true });
  });

  it('stores "invalid" with the cause and a fix when the secret is wrong', async () => {
    const record = await deliver('whsec_wrong', JSON.stringify(envelope));
    expect(record.signature).toMatchObject({ verdict: 'invalid', cause: expect.any(String), fix: expect.any(String) });
    expect(record.signature.reason.length).toBeGreaterThan(10);
  });

  it('names a secret pasted here with stray whitespace as the cause', async () => {
    await t.apiJson('/api/inboxes', {
      method: 'POST',
      body: JSON.stringify({ name: 'Pasted', slug: 'pasted', secret: 'whsec_right\n' }),
      headers: { 'Content-Type': 'application/json' },
    });
    const record = await deliver('whsec_right', JSON.stringify(envelope), 'pasted');
    expect(record.signature.verdict).toBe('invalid');
    expect(record.signature.cause).toMatch(/whitespace/);
  });

  it('stores "unsigned" without a signature header and "no_secret" on an inbox without a secret', async () => {
    const res = await fetch(`${t.info.httpUrl}/i/inboundflow/x`, {
      method: 'POST',
      body: JSON.stringify(envelope),
      headers: { 'Content-Type': 'application/json' },
    });
    expect((await t.apiJson(`/api/deliveries/${(await res.json()).id}`)).signature_verdict).toBe('unsigned');
    const noSecret = await fetch(`${t.info.httpUrl}/x`, {
      method: 'POST',
      body: JSON.stringify(envelope),
      headers: {
        'Content-Type': 'application/json',
        'X-InboundFlow-Timestamp': '1',
        'X-InboundFlow-Signature': 'sha256=' + '0'.repeat(64),
      },
    });
    expect((await t.apiJson(`/api/deliveries/${(await noSecret.json()).id}`)).signature_verdict).toBe('no_secret');
  });

  it('stores schema errors with field paths', async () => {
    const broken = { ...envelope, data: { ...envelope.data, caller_phone: 'call me' } };
    const record = await deliver('whsec_right', JSON.stringify(broken));
    expect(record.schema.valid).toBe(false);
    expect(record.schema.errors.map((e: { path: string }) => e.path)).toContain('data.caller_phone');
  });

  it('leaves non-InboundFlow requests without verdicts', async () => {
    const res = await fetch(`${t.info.httpUrl}/plain`, { method: 'POST', body: '{"hello":"world"}' });
    const record = await t.apiJson(`/api/deliveries/${(await res.json()).id}`);
    expect(record.signature).toBeNull();
    expect(record.schema).toBeNull();
  });

  it('filters the list by signature and schema verdicts', async () => {
    const valid = await t.apiJson<DeliveryList>('/api/deliveries?signature=valid');
    expect(valid.items.length).toBeGreaterThan(0);
    expect(valid.items.every((d) => d.signature_verdict === 'valid')).toBe(true);
    const badSchema = await t.apiJson<DeliveryList>('/api/deliveries?schema=invalid');
    expect(badSchema.items.every((d) => d.schema_valid === false)).toBe(true);
    expect(badSchema.items.length).toBeGreaterThan(0);
  });
});
