import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../shared/api/body-codec.js';
import { validateEnvelope } from '../../../shared/inboundflow/validate.js';
import { verify } from '../../../shared/inboundflow/signature.js';
import type { TestEngine } from '../../support/test-engine.js';
import { createIntegration, fire, post, startDispatchEngine } from './support/engine-harness.js';
import { startSink, type Sink } from './support/sinks.js';

const { verifyWebhook } = createRequire(import.meta.url)('../../shared/inboundflow/docs-verify-webhook.cjs') as {
  verifyWebhook: (body: unknown, timestamp: string, signature: string, secret: string) => boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SECRET = 'whsec_wire_test_secret';

let t: TestEngine;
let sink: Sink;
beforeAll(async () => {
  t = await startDispatchEngine();
  sink = await startSink();
});
afterAll(async () => {
  await t.stop();
  await sink.close();
});

const header = (pairs: [string, string][], name: string) => pairs.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

describe('what goes on the wire', () => {
  it('sends one POST with exactly the documented headers, in order, and a body the docs verifier accepts', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/hooks/inboundflow?src=test`, secret: SECRET });
    const before = Math.floor(Date.now() / 1000);
    const fired = await fire(t, [integration.id]);
    const [request] = await sink.received(1);

    expect(request.method).toBe('POST');
    expect(request.path).toBe('/hooks/inboundflow?src=test');
    const names = request.rawHeaders.map(([name]) => name);
    expect(names).toEqual([
      'host',
      'connection',
      'Content-Type',
      'X-InboundFlow-Event',
      'X-InboundFlow-Delivery-Id',
      'X-InboundFlow-Timestamp',
      'User-Agent',
      'X-InboundFlow-Signature',
      'content-length',
    ]);
    const h = (name: string) => header(request.rawHeaders, name)!;
    expect(h('Content-Type')).toBe('application/json');
    expect(h('X-InboundFlow-Event')).toBe('call.completed');
    expect(h('User-Agent')).toBe('InboundFlow-Webhook/1.0');
    expect(h('X-InboundFlow-Delivery-Id')).toMatch(UUID);
    expect(Number(h('X-InboundFlow-Timestamp'))).toBeGreaterThanOrEqual(before);
    expect(Number(h('X-InboundFlow-Timestamp'))).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(h('X-InboundFlow-Signature')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(Number(h('content-length'))).toBe(request.body.byteLength);

    // The body is JSON.stringify of the envelope: re-serializing it changes no byte, which is what the docs' verifier relies on.
    const envelope = JSON.parse(request.body.toString('utf8'));
    expect(Buffer.from(JSON.stringify(envelope))).toEqual(request.body);
    expect(Object.keys(envelope)).toEqual(['event', 'timestamp', 'organization_id', 'delivery_id', 'data']);
    expect(envelope.delivery_id).toBe(h('X-InboundFlow-Delivery-Id'));
    expect(envelope.delivery_id).toBe(fired.deliveries[0].delivery_id);
    expect(validateEnvelope(envelope)).toMatchObject({ valid: true, errors: [] });

    expect(verifyWebhook(envelope, h('X-InboundFlow-Timestamp'), h('X-InboundFlow-Signature'), SECRET)).toBe(true);
    expect(
      verify({ secret: SECRET, timestamp: h('X-InboundFlow-Timestamp'), signature: h('X-InboundFlow-Signature'), rawBody: request.body }),
    ).toEqual({ ok: true });
    expect(
      verify({ secret: 'other', timestamp: h('X-InboundFlow-Timestamp'), signature: h('X-InboundFlow-Signature'), rawBody: request.body })
        .ok,
    ).toBe(false);
  });

  it('stores the request exactly as it went out, with its attempt', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/stored`, secret: SECRET });
    const fired = await fire(t, [integration.id], 'call.completed');
    const request = sink.requests.find((r) => r.path === '/stored')!;
    const record = await t.apiJson(`/api/deliveries/${fired.deliveries[0].id}`);

    expect(record).toMatchObject({
      direction: 'out',
      integration_id: integration.id,
      inbox_id: null,
      via: 'dispatch',
      method: 'POST',
      path: '/stored',
      event: 'call.completed',
      delivery_id: fired.deliveries[0].delivery_id,
      dispatch_state: 'delivered',
      error_class: null,
      response_status: 200,
      target_url: `${sink.url}/stored`,
    });
    expect(decodeBody(record.body)).toEqual(request.body);
    expect(record.headers).toEqual(request.rawHeaders);
    expect(record.attempts).toHaveLength(1);
    const [attempt] = record.attempts;
    expect(attempt).toMatchObject({ attempt: 1, outcome: 'succeeded', url: `${sink.url}/stored`, error_class: null });
    expect(attempt.request_headers).toEqual(request.rawHeaders);
    expect(attempt.response.status).toBe(200);
    expect(decodeBody(attempt.response.body).toString()).toBe('{"ok":true}');
    expect(attempt.response.truncated).toBe(false);
    expect(attempt.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('leaves the signature header out when the integration has no secret', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/unsigned` });
    await fire(t, [integration.id]);
    const request = sink.requests.find((r) => r.path === '/unsigned')!;
    expect(header(request.rawHeaders, 'X-InboundFlow-Signature')).toBeUndefined();
    expect(header(request.rawHeaders, 'X-InboundFlow-Timestamp')).toMatch(/^\d+$/);
  });

  it('keeps the delivery_id and the body bytes on redelivery, and gives a new event a new one', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/redeliver`, secret: SECRET });
    const first = await fire(t, [integration.id]);
    const id = first.deliveries[0].id;
    const again = await t.apiJson(`/api/deliveries/${id}/redeliver`, post({ wait: true }));
    expect(again).toMatchObject({ id, delivery_id: first.deliveries[0].delivery_id, state: 'delivered' });
    const second = await fire(t, [integration.id]);
    expect(second.deliveries[0].delivery_id).not.toBe(first.deliveries[0].delivery_id);

    const sent = sink.requests.filter((r) => r.path === '/redeliver');
    expect(sent).toHaveLength(3);
    expect(sent[1].body).toEqual(sent[0].body);
    expect(header(sent[1].rawHeaders, 'X-InboundFlow-Delivery-Id')).toBe(header(sent[0].rawHeaders, 'X-InboundFlow-Delivery-Id'));
    expect(header(sent[2].rawHeaders, 'X-InboundFlow-Delivery-Id')).not.toBe(header(sent[0].rawHeaders, 'X-InboundFlow-Delivery-Id'));
    for (const r of sent) {
      const ts = header(r.rawHeaders, 'X-InboundFlow-Timestamp')!;
      expect(
        verify({ secret: SECRET, timestamp: ts, signature: header(r.rawHeaders, 'X-InboundFlow-Signature')!, rawBody: r.body }),
      ).toEqual({ ok: true });
    }
    const record = await t.apiJson(`/api/deliveries/${id}`);
    expect(record.attempts.map((a: { attempt: number; outcome: string }) => [a.attempt, a.outcome])).toEqual([
      [1, 'succeeded'],
      [2, 'succeeded'],
    ]);
  });

  it('sends the data given, unchanged, inside the envelope', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/given-data`, events: ['lead.created'] });
    const data = {
      call_id: 'c0ffee00-0000-4000-8000-000000000001',
      caller_phone: '+14155550123',
      caller_name: 'Ünïcode Dåve 😀',
      caller_email: 'dave@example.com',
      intent: 'pricing inquiry',
      urgency: 'high',
      interest: 'auto body work',
      call_summary: 'Line one\nline "two" </script>',
    };
    await fire(t, [integration.id], 'lead.created', { data });
    const request = sink.requests.find((r) => r.path === '/given-data')!;
    expect(JSON.parse(request.body.toString('utf8')).data).toEqual(data);
  });
});
