import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from '../../support/test-engine.js';
import { createIntegration, nextMessage, post, startDispatchEngine } from './support/engine-harness.js';
import { hangingSink, startSink, type Sink } from './support/sinks.js';

let t: TestEngine;
const sinks: Sink[] = [];
beforeAll(async () => {
  // A long timeout, so the hanging integration really hangs for the whole test.
  t = await startDispatchEngine({ dispatchTimeoutMs: 60_000 });
});
afterAll(async () => {
  await t.stop();
  await Promise.all(sinks.map((s) => s.close()));
});

describe('ordering and isolation', () => {
  it('delivers each integration its events in the order they were fired, one at a time, while firing concurrently', async () => {
    const inFlight = new Map<string, number>();
    const maxInFlight = new Map<string, number>();
    const sink = await startSink((req, res) => {
      const line = req.path;
      inFlight.set(line, (inFlight.get(line) ?? 0) + 1);
      maxInFlight.set(line, Math.max(maxInFlight.get(line) ?? 0, inFlight.get(line)!));
      // Answer out of step with arrival, so any reordering in the sender would show.
      setTimeout(
        () => {
          inFlight.set(line, inFlight.get(line)! - 1);
          res.writeHead(200);
          res.end('ok');
        },
        Math.floor(Math.random() * 15),
      );
    });
    sinks.push(sink);
    const lines = await Promise.all(
      [0, 1, 2].map((n) =>
        createIntegration(t, { name: `line ${n}`, url: `${sink.url}/line-${n}`, events: ['call.completed', 'lead.created'] }),
      ),
    );
    const ids = lines.map((l) => l.id);

    const fired = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.apiJson('/api/events', post({ event: i % 2 ? 'lead.created' : 'call.completed', integration_ids: ids })),
      ),
    );
    expect(fired.flatMap((f) => f.deliveries)).toHaveLength(72);
    await t.engine.dispatch.dispatcher.idle();

    for (const [n, integration] of lines.entries()) {
      const page = await t.apiJson(`/api/deliveries?direction=out&integration=${integration.id}&limit=100`);
      const createdOrder = page.items.reverse().map((d: { delivery_id: string }) => d.delivery_id);
      const arrivalOrder = sink.requests.filter((r) => r.path === `/line-${n}`).map((r) => JSON.parse(r.body.toString()).delivery_id);
      expect(arrivalOrder).toEqual(createdOrder);
      expect(maxInFlight.get(`/line-${n}`)).toBe(1);
    }
  });

  it('keeps delivering to one integration while another one hangs', async () => {
    const hanging = await hangingSink();
    const healthy = await startSink();
    sinks.push(hanging, healthy);
    const stuck = await createIntegration(t, { name: 'stuck', url: `${hanging.url}/stuck` });
    const fine = await createIntegration(t, { name: 'fine', url: `${healthy.url}/fine` });

    const firstDelivered = nextMessage(
      t,
      'delivery.updated',
      (m) => m.delivery.integration_id === fine.id && m.delivery.dispatch_state === 'delivered',
    );
    const fired = await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [stuck.id, fine.id] }));
    const stuckDelivery = fired.deliveries.find((d: { integration_id: string }) => d.integration_id === stuck.id);
    await hanging.received(1);
    await firstDelivered;
    for (let i = 0; i < 5; i++) {
      // Subscribed before firing: the healthy line may finish before the API call returns.
      const delivered = nextMessage(
        t,
        'delivery.updated',
        (m) => m.delivery.integration_id === fine.id && m.delivery.dispatch_state === 'delivered',
      );
      const more = await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [stuck.id, fine.id], wait: false }));
      const fineDelivery = more.deliveries.find((d: { integration_id: string }) => d.integration_id === fine.id);
      expect((await delivered).delivery.id).toBe(fineDelivery.id);
    }
    expect(healthy.requests).toHaveLength(6);
    expect(hanging.requests).toHaveLength(1);
    expect((await t.apiJson(`/api/deliveries/${stuckDelivery.id}`)).dispatch_state).toBe('sending');
  });
});
