import { describe, expect, it } from 'vitest';
import type { DeliveryList } from '../../shared/api/deliveries.js';
import type { Integration } from '../../shared/api/integrations.js';
import {
  IntegrationsStore,
  type IntegrationSource,
  type OutgoingDeliverySource,
} from '../../renderer/src/model/integrations/integrations-store.js';
import { attempt, integration, manualFrames, outgoing, record, result } from './support/integration-fixtures.js';

function source(items: Integration[], calls: string[] = []): IntegrationSource {
  return {
    listIntegrations: () => Promise.resolve(items),
    createIntegration: (body) => Promise.resolve(integration({ id: 'int_new', name: body.name })),
    updateIntegration: (id, patch) =>
      Promise.resolve(integration({ id, ...(patch.name ? { name: patch.name } : {}), updated_at: '2026-03-06T16:00:00.000Z' })),
    deleteIntegration: (id) => (calls.push(`delete ${id}`), Promise.resolve()),
    testIntegration: (id, event) => (
      calls.push(`test ${id} ${event ?? ''}`),
      Promise.resolve(result({ id: 'dlv_t', state: 'failed', response_status: 500, error_class: 'http_500' }))
    ),
    enableIntegration: (id, sendSkipped) => (
      calls.push(`enable ${id} ${sendSkipped}`),
      Promise.resolve({ integration: integration({ id, updated_at: '2026-03-06T16:00:00.000Z' }), requeued: sendSkipped ? ['dlv_s'] : [] })
    ),
    sendSkipped: () => Promise.resolve(['dlv_s']),
    rotateSecret: (id) =>
      Promise.resolve(integration({ id, secret: 'whsec_new', previous_secret: 'whsec_0123', updated_at: '2026-03-06T16:30:00.000Z' })),
  };
}

function deliveries(latest: Record<string, ReturnType<typeof outgoing>>): OutgoingDeliverySource & { queries: Record<string, string>[] } {
  const queries: Record<string, string>[] = [];
  return {
    queries,
    listDeliveries(query): Promise<DeliveryList> {
      queries.push(query);
      const item = latest[query.integration];
      return Promise.resolve({ items: item ? [item] : [], next: null });
    },
    getDelivery(id) {
      return Promise.resolve(record(outgoing({ id, dispatch_state: 'failed' }), { attempts: [attempt({ duration_ms: 42 })] }));
    },
  };
}

describe('IntegrationsStore', () => {
  it('loads the integrations with each one’s latest sent delivery', async () => {
    const pages = deliveries({ int_1: outgoing({ id: 'dlv_9', dispatch_state: 'delivered', response_status: 200 }) });
    const store = new IntegrationsStore(source([integration(), integration({ id: 'int_2', name: 'Zap' })]), pages, manualFrames());
    await store.load();
    const { integrations, lastDelivery, loaded } = store.getSnapshot();
    expect(loaded).toBe(true);
    expect(integrations.map((i) => i.name)).toEqual(['CRM', 'Zap']);
    expect(lastDelivery).toEqual({ int_1: expect.objectContaining({ id: 'dlv_9' }) });
    expect(pages.queries).toContainEqual({ direction: 'out', integration: 'int_1', limit: '1' });
  });

  it('follows failure counts, auto-disable and deletions from the live feed, one update per frame', async () => {
    const frames = manualFrames();
    const store = new IntegrationsStore(source([integration()]), deliveries({}), frames);
    await store.load();
    let notifications = 0;
    store.subscribe(() => (notifications += 1));
    for (let failures = 1; failures <= 10; failures += 1) {
      store.receive({ type: 'integration.updated', integration: integration({ consecutive_failures: failures, enabled: failures < 10 }) });
      store.receiveDelivery(outgoing({ id: `dlv_${failures}`, dispatch_state: 'failed', error_class: 'http_500' }));
    }
    store.receiveDelivery(outgoing({ id: 'dlv_in', direction: 'in', integration_id: null }));
    store.receive({ type: 'integration.created', integration: integration({ id: 'int_2', name: 'New' }) });
    frames.flush();
    expect(notifications).toBe(1);
    const { integrations, lastDelivery } = store.getSnapshot();
    expect(integrations.map((i) => [i.id, i.consecutive_failures, i.enabled])).toEqual([
      ['int_1', 10, false],
      ['int_2', 0, true],
    ]);
    expect(lastDelivery.int_1.id).toBe('dlv_10');
    store.receive({ type: 'integration.deleted', id: 'int_2' });
    frames.flush();
    expect(store.getSnapshot().integrations.map((i) => i.id)).toEqual(['int_1']);
  });

  it('never lets a slow answer overwrite a newer state from the live feed', async () => {
    const frames = manualFrames();
    const store = new IntegrationsStore(source([integration()]), deliveries({}), frames);
    await store.load();
    store.receive({
      type: 'integration.updated',
      integration: integration({ consecutive_failures: 1, updated_at: '2026-03-06T17:00:00.000Z' }),
    });
    frames.flush();
    await store.update('int_1', { name: 'Renamed' });
    expect(store.getSnapshot().integrations[0].consecutive_failures).toBe(1);
  });

  it('re-enables with or without the skipped events, tests with timing, rotates and deletes', async () => {
    const calls: string[] = [];
    const store = new IntegrationsStore(
      source([integration({ enabled: false, consecutive_failures: 10 })], calls),
      deliveries({}),
      manualFrames(),
    );
    await store.load();
    expect(await store.enable('int_1', true)).toEqual(['dlv_s']);
    expect(store.getSnapshot().integrations[0]).toMatchObject({ enabled: true, consecutive_failures: 0 });
    const tested = await store.test('int_1', 'lead.created');
    expect(tested).toMatchObject({ deliveryId: 'dlv_t', state: 'failed', status: 500, errorClass: 'http_500', durationMs: 42 });
    expect((await store.rotateSecret('int_1')).previous_secret).toBe('whsec_0123');
    expect(store.getSnapshot().integrations[0].secret).toBe('whsec_new');
    await store.remove('int_1');
    expect(store.getSnapshot().integrations).toEqual([]);
    expect(calls).toEqual(['enable int_1 true', 'test int_1 lead.created', 'delete int_1']);
  });
});
