import { afterEach, describe, expect, it } from 'vitest';
import { EngineEvents } from '../../../electron/engine/events.js';
import type { CapturedRequest } from '../../../electron/engine/inbound/captured-request.js';
import { createExchange } from '../../../electron/engine/outbound/http-exchange.js';
import { createIngest } from '../../../electron/engine/receiver/ingest.js';
import { createResponder } from '../../../electron/engine/responses/responder.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { createTunnelIngest } from '../../../electron/engine/tunnel/tunnel-ingest.js';
import { tempDir } from '../../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup() {
  const dir = tempDir();
  cleanups.push(dir.remove);
  const store = openStore(dir.path);
  cleanups.push(() => store.close());
  const events = new EngineEvents();
  const responder = createResponder({
    store,
    events,
    exchange: createExchange({ caPems: [], answerLimit: { keep: 1024 * 1024, read: 1024 * 1024 } }),
  });
  return { store, ingest: createIngest(store, events, responder) };
}

const queuedAt = Date.parse('2026-05-01T10:00:00.000Z');
const queued = (id: string, target = '/hook'): CapturedRequest => ({
  method: 'POST',
  target,
  headers: [['Content-Type', 'application/json']],
  body: Buffer.from('{"n":1}'),
  remoteAddress: '203.0.113.5',
  tls: true,
  via: 'tunnel',
  provider: 'relay',
  receivedAt: queuedAt,
  relayQueue: { id, queuedAt, drainedAt: queuedAt + 60_000, answered: { status: 202, body: `{"queued":true,"id":"${id}"}` } },
});

describe('ingest of requests a relay queued', () => {
  it('stores one relay request id once, whether the copies come together or one after the other', async () => {
    const { store, ingest } = setup();
    const [a, b] = await Promise.all([ingest(queued('rq_same')), ingest(queued('rq_same'))]);
    expect([a.queued, b.queued].sort()).toEqual(['duplicate', 'stored']);
    expect((await ingest(queued('rq_same'))).queued).toBe('duplicate');
    expect(store.deliveries.count()).toBe(1);
    expect((await ingest(queued('rq_other'))).queued).toBe('stored');
    expect(store.deliveries.count()).toBe(2);
  });

  it("records the relay's answer as the response, with queued and drained times, and ignores the inbox's own answer", async () => {
    const { store, ingest } = setup();
    const inbox = await store.inboxes.create({ name: 'Shop', slug: 'shop' });
    await store.inboxes.update(inbox.id, {
      forward_to: 'http://127.0.0.1:9/never',
      response: { status: 418, headers: [], body: 'teapot', body_encoding: 'utf8', delay_ms: 0 },
    });
    const plan = await ingest(queued('rq_1', '/i/shop/hook'));
    const id = (JSON.parse(plan.body.toString()) as { id: string }).id;
    const record = store.deliveries.get(id)!;
    expect(record).toMatchObject({
      inbox_id: inbox.id,
      received_at: new Date(queuedAt).toISOString(),
      queued_at: new Date(queuedAt).toISOString(),
      drained_at: new Date(queuedAt + 60_000).toISOString(),
      relay_request_id: 'rq_1',
      answer: { source: 'relay_queue', outcome: 'sent' },
      response: { status: 202 },
    });
    expect(record.response!.body.data).toBe('{"queued":true,"id":"rq_1"}');
  });

  it('acknowledges a queued liveness probe of an earlier run without storing it', async () => {
    const { store, ingest } = setup();
    const tunnel = createTunnelIngest({ provider: 'relay', probeSecret: 'this-run', ingest, publicUrl: () => null });
    const probe = {
      ...queued('rq_probe', '/.well-known/hookbench-probe'),
      method: 'GET',
      headers: [['X-Hookbench-Probe', 'an-earlier-run.abcdef0123']] as Array<[string, string]>,
      body: Buffer.alloc(0),
    };
    const plan = await tunnel(probe);
    expect(plan.status).toBe(200);
    expect(plan.queued).toBeUndefined();
    expect(store.deliveries.count()).toBe(0);
  });

  it('leaves direct deliveries without queue fields', async () => {
    const { store, ingest } = setup();
    const { relayQueue: _, ...direct } = queued('x');
    const plan = await ingest({ ...direct, via: 'direct', provider: null });
    expect(plan.queued).toBeUndefined();
    const id = (JSON.parse(plan.body.toString()) as { id: string }).id;
    expect(store.deliveries.get(id)).toMatchObject({ queued_at: null, drained_at: null, relay_request_id: null });
  });
});
