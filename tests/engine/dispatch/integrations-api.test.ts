import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { createIntegration, nextMessage, patch, post, startDispatchEngine } from './support/engine-harness.js';
import { startSink, type Sink } from './support/sinks.js';

let t: TestEngine;
let strict: TestEngine;
let sink: Sink;
beforeAll(async () => {
  t = await startDispatchEngine();
  strict = await startTestEngine();
  sink = await startSink();
});
afterAll(async () => {
  await t.stop();
  await strict.stop();
  await sink.close();
});

describe('integrations API', () => {
  it('creates, reads, lists, changes and deletes an integration, announcing each change live', async () => {
    const created = nextMessage(t, 'integration.created');
    const integration = await t.apiJson(
      '/api/integrations',
      post({
        kind: 'zapier',
        name: 'CRM sync',
        url: 'https://hooks.zapier.com/hooks/catch/123/abc/',
        events: ['lead.created', 'call.completed', 'lead.created'],
      }),
    );
    expect(integration).toMatchObject({
      kind: 'zapier',
      name: 'CRM sync',
      events: ['lead.created', 'call.completed'],
      secret: null,
      enabled: true,
      consecutive_failures: 0,
      disabled_reason: null,
      disabled_at: null,
      skipped_count: 0,
      warnings: [],
    });
    expect(integration.id).toMatch(/^int_/);
    expect((await created).integration.id).toBe(integration.id);
    expect((await t.apiJson(`/api/integrations/${integration.id}`)).name).toBe('CRM sync');
    expect((await t.apiJson('/api/integrations')).items.map((i: { id: string }) => i.id)).toContain(integration.id);

    const updated = nextMessage(t, 'integration.updated', (m) => m.integration.id === integration.id);
    const changed = await t.apiJson(`/api/integrations/${integration.id}`, patch({ name: 'CRM', events: ['call.transferred'] }));
    expect(changed).toMatchObject({ name: 'CRM', events: ['call.transferred'] });
    expect((await updated).integration.name).toBe('CRM');

    const deleted = nextMessage(t, 'integration.deleted');
    expect((await t.api(`/api/integrations/${integration.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await deleted).id).toBe(integration.id);
    expect((await t.api(`/api/integrations/${integration.id}`)).status).toBe(404);
  });

  it('refuses a non-https URL with the rule in the message, and plain localhost unless the engine allows it', async () => {
    const res = await strict.api(
      '/api/integrations',
      post({ kind: 'custom', name: 'x', url: 'http://example.com/hook', events: ['call.completed'] }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: 'url_not_https' });
    expect(body.message).toMatch(/^URL must use https:\/\/ — InboundFlow only delivers to HTTPS endpoints/);

    const local = await strict.api(
      '/api/integrations',
      post({ kind: 'custom', name: 'x', url: 'http://127.0.0.1:3000/hook', events: ['call.completed'] }),
    );
    expect(local.status).toBe(400);
    expect((await local.json()).message).toMatch(/--allow-http-localhost/);
    const allowed = await t.api(
      '/api/integrations',
      post({ kind: 'custom', name: 'x', url: 'http://127.0.0.1:3000/hook', events: ['call.completed'] }),
    );
    expect(allowed.status).toBe(201);

    const patchBack = await strict.apiJson(
      '/api/integrations',
      post({ kind: 'custom', name: 'y', url: 'https://example.com/', events: ['call.completed'] }),
    );
    const badPatch = await strict.api(`/api/integrations/${patchBack.id}`, patch({ url: 'http://example.com/' }));
    expect(badPatch.status).toBe(400);
    expect((await strict.apiJson(`/api/integrations/${patchBack.id}`)).url).toBe('https://example.com/');
  });

  it('warns, without refusing, when a URL does not look like the chosen service', async () => {
    const zap = await createIntegration(t, { kind: 'zapier', url: 'https://example.com/hook' });
    expect(zap.warnings).toEqual([
      expect.objectContaining({ code: 'url_not_zapier', message: expect.stringMatching(/hooks\.zapier\.com\/hooks\/catch/) }),
    ]);
    const make = await createIntegration(t, { kind: 'make', url: 'https://example.com/hook' });
    expect(make.warnings.map((w: { code: string }) => w.code)).toEqual(['url_not_make']);
    const n8n = await createIntegration(t, { kind: 'n8n', url: 'https://n8n.example.com/webhook-test/abc' });
    expect(n8n.warnings.map((w: { code: string }) => w.code)).toEqual(['url_n8n_test']);
  });

  it('rejects bad bodies with a message that names the field', async () => {
    const noEvents = await t.api('/api/integrations', post({ kind: 'custom', name: 'x', url: 'https://example.com/', events: [] }));
    expect(noEvents.status).toBe(400);
    expect((await noEvents.json()).message).toMatch(/^events: choose at least one event/);
    const badEvent = await t.api(
      '/api/integrations',
      post({ kind: 'custom', name: 'x', url: 'https://example.com/', events: ['call.started'] }),
    );
    expect((await badEvent.json()).message).toMatch(/^events\.0: must be one of: call\.completed/);
    const badKind = await t.api(
      '/api/integrations',
      post({ kind: 'ifttt', name: 'x', url: 'https://example.com/', events: ['call.completed'] }),
    );
    expect((await badKind.json()).message).toMatch(/^kind:/);
  });

  it('generates a secret on request and rotates it, keeping the previous one for 24 hours', async () => {
    const integration = await createIntegration(t, { url: 'https://example.com/', secret: { generate: true } });
    expect(integration.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const rotated = await t.apiJson(`/api/integrations/${integration.id}/rotate-secret`, { method: 'POST' });
    expect(rotated.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(rotated.secret).not.toBe(integration.secret);
    expect(rotated.previous_secret).toBe(integration.secret);
    const overlap = Date.parse(rotated.previous_secret_expires_at) - Date.now();
    expect(overlap).toBeGreaterThan(23.9 * 3600_000);
    expect(overlap).toBeLessThanOrEqual(24 * 3600_000);

    const chosen = await t.apiJson(`/api/integrations/${integration.id}`, patch({ secret: 'mine' }));
    expect(chosen).toMatchObject({ secret: 'mine', previous_secret: rotated.secret });
    const ended = await t.apiJson(`/api/integrations/${integration.id}`, patch({ previous_secret: null }));
    expect(ended).toMatchObject({ secret: 'mine', previous_secret: null, previous_secret_expires_at: null });
  });

  it('disables by hand and re-enables with PATCH', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/manual` });
    const off = await t.apiJson(`/api/integrations/${integration.id}`, patch({ enabled: false }));
    expect(off).toMatchObject({ enabled: false, disabled_reason: 'manual' });
    const skipped = await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [integration.id], wait: true }));
    expect(skipped.deliveries[0]).toMatchObject({ state: 'skipped', skipped_reason: 'disabled' });
    const on = await t.apiJson(`/api/integrations/${integration.id}`, patch({ enabled: true }));
    expect(on).toMatchObject({ enabled: true, disabled_reason: null, consecutive_failures: 0, skipped_count: 1 });
    const sent = await t.apiJson(`/api/integrations/${integration.id}/send-skipped`, { method: 'POST' });
    expect(sent.requeued).toEqual([skipped.deliveries[0].id]);
    await t.engine.dispatch.dispatcher.idle();
    expect(sink.requests.filter((r) => r.path === '/manual')).toHaveLength(1);
  });
});

describe('firing events', () => {
  it('sends to every enabled integration subscribed to the event, and only those', async () => {
    const { items } = await t.apiJson('/api/integrations');
    for (const item of items) await t.api(`/api/integrations/${item.id}`, { method: 'DELETE' });
    const leads = await createIntegration(t, { name: 'leads', url: `${sink.url}/fan/leads`, events: ['lead.created'] });
    const calls = await createIntegration(t, { name: 'calls', url: `${sink.url}/fan/calls`, events: ['call.completed'] });
    const both = await createIntegration(t, { name: 'both', url: `${sink.url}/fan/both`, events: ['call.completed', 'lead.created'] });
    const off = await createIntegration(t, { name: 'off', url: `${sink.url}/fan/off`, events: ['lead.created'], enabled: false });

    const fired = await t.apiJson('/api/events', post({ event: 'lead.created', wait: true }));
    const byIntegration = Object.fromEntries(fired.deliveries.map((d: { integration_id: string }) => [d.integration_id, d]));
    expect(Object.keys(byIntegration).sort()).toEqual([leads.id, both.id, off.id].sort());
    expect(byIntegration[leads.id]).toMatchObject({ state: 'delivered', event: 'lead.created' });
    expect(byIntegration[both.id]).toMatchObject({ state: 'delivered' });
    expect(byIntegration[off.id]).toMatchObject({ state: 'skipped', skipped_reason: 'disabled' });
    expect(byIntegration[calls.id]).toBeUndefined();
    expect(new Set(fired.deliveries.map((d: { delivery_id: string }) => d.delivery_id)).size).toBe(3);
    // Every delivery carries the same event data.
    const bodies = sink.requests.filter((r) => r.path.startsWith('/fan/')).map((r) => JSON.parse(r.body.toString()));
    expect(bodies).toHaveLength(2);
    expect(bodies[0].data).toEqual(bodies[1].data);
    expect(bodies[0].data).toEqual(fired.data);
  });

  it('returns 400 with every path when data does not match the event schema', async () => {
    const res = await t.api(
      '/api/events',
      post({
        event: 'call.completed',
        data: {
          call_id: 'c1',
          caller_phone: '555-0100',
          duration_seconds: -3,
          summary: 'x',
          started_at: 'yesterday',
          ended_at: '2026-02-24T21:00:00Z',
        },
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('invalid_event_data');
    expect(body.message).toMatch(/^data\.caller_phone: must be an E\.164 phone number/);
    expect(body.details.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'data.caller_phone',
      'data.duration_seconds',
      'data.started_at',
    ]);
  });

  it('refuses unknown events, unknown integrations and integrations not subscribed to the event', async () => {
    expect((await t.api('/api/events', post({ event: 'call.started' }))).status).toBe(400);
    expect((await t.api('/api/events', post({ event: 'call.completed', integration_ids: ['int_nope'] }))).status).toBe(404);
    const leadsOnly = await createIntegration(t, { url: 'https://example.com/', events: ['lead.created'] });
    const res = await t.api('/api/events', post({ event: 'call.completed', integration_ids: [leadsOnly.id] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'not_subscribed',
      message: expect.stringMatching(/does not subscribe to call\.completed/),
    });
  });

  it('sends a realistic sample of a subscribed event as a test', async () => {
    const integration = await createIntegration(t, { url: `${sink.url}/test-me`, events: ['appointment.booked'] });
    const result = await t.apiJson(`/api/integrations/${integration.id}/test`, { method: 'POST' });
    expect(result).toMatchObject({ state: 'delivered', event: 'appointment.booked', response_status: 200 });
    const body = JSON.parse(sink.requests.find((r) => r.path === '/test-me')!.body.toString());
    expect(body.event).toBe('appointment.booked');
    expect(body.data.caller_phone).toMatch(/^\+1\d{10}$/);
    expect((await t.api(`/api/integrations/${integration.id}/test`, post({ event: 'lead.created' }))).status).toBe(400);
  });

  it('serves a fresh template per event', async () => {
    const { items } = await t.apiJson('/api/events/templates');
    expect(items.map((i: { event: string }) => i.event)).toEqual([
      'call.completed',
      'call.transferred',
      'appointment.booked',
      'lead.created',
    ]);
    expect(items[0].description).toMatch(/after a call ends/);
  });

  it('plays an inbound call: the events in order, all with the same call_id, caller and times', async () => {
    const integration = await createIntegration(t, {
      url: `${sink.url}/scenario`,
      events: ['call.completed', 'lead.created', 'call.transferred', 'appointment.booked'],
    });
    const scenario = await t.apiJson(
      '/api/scenarios/inbound-call',
      post({ outcome: 'transferred', integration_ids: [integration.id], wait: true }),
    );
    expect(scenario.events.map((e: { event: string }) => e.event)).toEqual(['call.completed', 'lead.created', 'call.transferred']);
    expect(scenario.events.every((e: { deliveries: { state: string }[] }) => e.deliveries[0].state === 'delivered')).toBe(true);
    const bodies = sink.requests.filter((r) => r.path === '/scenario').map((r) => JSON.parse(r.body.toString()));
    expect(bodies.map((b) => b.event)).toEqual(['call.completed', 'lead.created', 'call.transferred']);
    for (const b of bodies) {
      expect(b.data.call_id).toBe(scenario.call_id);
      expect(b.data.caller_phone).toBe(bodies[0].data.caller_phone);
      expect(b.data.caller_name).toBe(bodies[0].data.caller_name);
    }
    expect(bodies[2].data.duration_seconds).toBe(bodies[0].data.duration_seconds);

    const booked = await t.apiJson('/api/scenarios/inbound-call', post({ integration_ids: [integration.id], wait: true }));
    expect(booked.events.map((e: { event: string }) => e.event)).toEqual(['call.completed', 'lead.created', 'appointment.booked']);
  });

  it('announces outgoing deliveries on the live feed as they are created and settle', async () => {
    const held: Array<() => void> = [];
    const gated = await startSink((_req, res) => held.push(() => res.writeHead(200).end('ok')));
    const integration = await createIntegration(t, { url: `${gated.url}/live` });
    const mine = (m: { delivery: { integration_id: string | null } }) => m.delivery.integration_id === integration.id;
    const created = nextMessage(t, 'delivery.created', mine);
    // The line is free: the delivery is stored already sending, together with its first attempt.
    const first = await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [integration.id] }));
    expect((await created).delivery).toMatchObject({
      id: first.deliveries[0].id,
      direction: 'out',
      via: 'dispatch',
      dispatch_state: 'sending',
    });
    await gated.received(1);
    // The line is busy: the next one is stored as queued and waits its turn.
    const second = await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [integration.id] }));
    expect(second.deliveries[0].state).toBe('queued');
    const firstDelivered = nextMessage(
      t,
      'delivery.updated',
      (m) => m.delivery.id === first.deliveries[0].id && m.delivery.dispatch_state === 'delivered',
    );
    held.shift()!();
    expect((await firstDelivered).delivery).toMatchObject({ response_status: 200, error_class: null });
    const secondSending = nextMessage(t, 'delivery.updated', (m) => m.delivery.id === second.deliveries[0].id);
    await gated.received(2);
    expect((await secondSending).delivery.dispatch_state).toBe('sending');
    held.shift()!();
    await t.engine.dispatch.dispatcher.idle();
    await gated.close();
  });

  it('skips what is still queued for an integration that gets deleted, and keeps its deliveries', async () => {
    const held: Array<() => void> = [];
    const gated = await startSink((_req, res) => held.push(() => res.writeHead(200).end('ok')));
    const integration = await createIntegration(t, { url: `${gated.url}/deleted` });
    const first = await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [integration.id] }));
    await gated.received(1);
    const second = await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [integration.id] }));
    await t.api(`/api/integrations/${integration.id}`, { method: 'DELETE' });
    held.shift()!();
    await t.engine.dispatch.dispatcher.idle();
    expect(gated.requests).toHaveLength(1);
    expect(await t.apiJson(`/api/deliveries/${first.deliveries[0].id}`)).toMatchObject({
      dispatch_state: 'delivered',
      integration_id: null,
    });
    expect(await t.apiJson(`/api/deliveries/${second.deliveries[0].id}`)).toMatchObject({
      dispatch_state: 'skipped',
      skipped_reason: 'integration_deleted',
    });
    expect((await t.api(`/api/deliveries/${first.deliveries[0].id}/redeliver`, post())).status).toBe(409);
    await gated.close();
  });

  it('redelivers outgoing deliveries only', async () => {
    const incoming = await (await fetch(`${t.info.httpUrl}/`, { method: 'POST', body: '{}' })).json();
    const res = await t.api(`/api/deliveries/${incoming.id}/redeliver`, post());
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('not_outgoing');
    expect((await t.api('/api/deliveries/dlv_nope/redeliver', post())).status).toBe(404);
  });

  it('lists every dispatch route in the OpenAPI document', async () => {
    const doc = await (await fetch(`${t.info.apiUrl}/openapi.json`)).json();
    for (const path of [
      '/api/integrations',
      '/api/integrations/{id}/enable',
      '/api/events',
      '/api/scenarios/inbound-call',
      '/api/deliveries/{id}/redeliver',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
  });
});
