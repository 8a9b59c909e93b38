import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../shared/api/body-codec.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { createIntegration, fire, nextMessage, post } from './support/engine-harness.js';

let t: TestEngine;
beforeAll(async () => {
  // Defaults: https only, the real 10-second timeout.
  t = await startTestEngine();
});
afterAll(() => t.stop());

describe("delivering to Hookbench's own HTTPS receiver", () => {
  it('trusts the local CA, and the inbox with the same secret judges the signature valid', async () => {
    const secret = 'whsec_shared_between_sender_and_inbox';
    const inbox = await t.apiJson('/api/inboxes', post({ name: 'Loopback', slug: 'loopback', secret }));
    const integration = await createIntegration(t, { url: inbox.urls.https, secret, events: ['appointment.booked'] });
    expect(integration.url.startsWith('https://127.0.0.1:')).toBe(true);

    const received = nextMessage(t, 'delivery.created', (m) => m.delivery.direction === 'in' && m.delivery.inbox_id === inbox.id);
    const fired = await fire(t, [integration.id], 'appointment.booked');
    expect(fired.deliveries[0]).toMatchObject({ state: 'delivered', response_status: 200, error_class: null });

    const incoming = await t.apiJson(`/api/deliveries/${(await received).delivery.id}`);
    const outgoing = await t.apiJson(`/api/deliveries/${fired.deliveries[0].id}`);
    expect(incoming).toMatchObject({
      direction: 'in',
      tls: true,
      event: 'appointment.booked',
      delivery_id: fired.deliveries[0].delivery_id,
      signature: { verdict: 'valid' },
      schema: { valid: true, errors: [] },
    });
    expect(decodeBody(incoming.body)).toEqual(decodeBody(outgoing.body));
    // The receiver's answer names the stored delivery, and the sender logged that answer.
    expect(JSON.parse(decodeBody(outgoing.attempts[0].response.body).toString())).toEqual({ ok: true, id: incoming.id });
  });

  it('is judged invalid by an inbox with another secret', async () => {
    const inbox = await t.apiJson('/api/inboxes', post({ name: 'Other secret', slug: 'other-secret', secret: 'inbox-secret' }));
    const integration = await createIntegration(t, { url: inbox.urls.https, secret: 'sender-secret' });
    const received = nextMessage(t, 'delivery.created', (m) => m.delivery.inbox_id === inbox.id);
    await fire(t, [integration.id]);
    expect((await received).delivery.signature_verdict).toBe('invalid');
  });
});
