import { describe, expect, it } from 'vitest';
import type { FireResult } from '../../shared/api/integrations.js';
import { composerTargets, EventComposerStore, type EventSource } from '../../renderer/src/model/integrations/event-composer-store.js';
import { integration, outgoing, result } from './support/integration-fixtures.js';

function source(log: unknown[] = []): EventSource {
  let sample = 0;
  return {
    listTemplates() {
      sample += 1;
      return Promise.resolve([
        { event: 'call.completed', description: 'Fires after a call ends', data: { call_id: `c${sample}` } },
        { event: 'lead.created', description: 'Fires for a new lead', data: { call_id: `l${sample}` } },
      ]);
    },
    fireEvent(event, data, integrationIds): Promise<FireResult> {
      log.push({ event, data, integrationIds });
      return Promise.resolve({
        event,
        data,
        deliveries: integrationIds.map((id, n) => result({ id: `dlv_${n}`, integration_id: id, event })),
      });
    },
    inboundCall(outcome, integrationIds) {
      log.push({ outcome, integrationIds });
      return Promise.resolve({
        call_id: 'c',
        outcome,
        events: [
          { event: 'call.completed', data: {}, deliveries: [result({ id: 'a' })] },
          { event: 'lead.created', data: {}, deliveries: [result({ id: 'b', event: 'lead.created' })] },
        ],
      });
    },
  };
}

describe('EventComposerStore', () => {
  it('fills a sample per event and keeps each event’s edits while switching', async () => {
    const store = new EventComposerStore(source());
    await store.loadTemplates();
    expect(JSON.parse(store.getSnapshot().texts['call.completed'])).toEqual({ call_id: 'c1' });
    store.setText('{"edited": true}');
    store.selectEvent('lead.created');
    await store.loadTemplates();
    expect(store.getSnapshot().texts['call.completed']).toBe('{"edited": true}');
    expect(JSON.parse(store.getSnapshot().texts['lead.created'])).toEqual({ call_id: 'l1' });
    await store.freshSample();
    expect(JSON.parse(store.getSnapshot().texts['lead.created'])).toEqual({ call_id: 'l3' });
    expect(store.getSnapshot().descriptions['lead.created']).toBe('Fires for a new lead');
  });

  it('targets every subscriber but the unticked ones, including integrations added later', () => {
    const crm = integration();
    const zap = integration({ id: 'int_2', name: 'Zap', events: ['lead.created'] });
    const later = integration({ id: 'int_3', name: 'Later' });
    expect(composerTargets([crm, zap], 'call.completed', [])).toEqual({
      targets: [{ integration: crm, checked: true }],
      notSubscribed: [zap],
    });
    const store = new EventComposerStore(source());
    store.toggleTarget('int_1');
    const { targets } = composerTargets([crm, zap, later], 'lead.created', store.getSnapshot().excluded);
    expect(targets.map((t) => [t.integration.id, t.checked])).toEqual([
      ['int_1', false],
      ['int_2', true],
      ['int_3', true],
    ]);
    store.toggleTarget('int_1');
    expect(store.getSnapshot().excluded).toEqual([]);
  });

  it('records what was sent and follows each delivery’s state live, even an update that beat the answer', async () => {
    const log: unknown[] = [];
    const store = new EventComposerStore(source(log));
    store.receiveDelivery(outgoing({ id: 'dlv_1', dispatch_state: 'delivered', response_status: 200 }));
    const entry = await store.send({ call_id: 'x' }, ['int_1', 'int_2']);
    expect(log).toEqual([{ event: 'call.completed', data: { call_id: 'x' }, integrationIds: ['int_1', 'int_2'] }]);
    expect(entry.deliveries.map((d) => [d.id, d.state])).toEqual([
      ['dlv_0', 'queued'],
      ['dlv_1', 'delivered'],
    ]);
    store.receiveDelivery(outgoing({ id: 'dlv_0', dispatch_state: 'failed', response_status: 500, error_class: 'http_500' }));
    expect(store.getSnapshot().sent[0].deliveries[0]).toMatchObject({ state: 'failed', status: 500, errorClass: 'http_500' });
  });

  it('plays an inbound call to the ticked integrations only when some are unticked', async () => {
    const log: unknown[] = [];
    const store = new EventComposerStore(source(log));
    const all = [integration(), integration({ id: 'int_2' })];
    await store.inboundCall('booked', all);
    store.toggleTarget('int_2');
    const entry = await store.inboundCall('transferred', all);
    expect(log).toEqual([
      { outcome: 'booked', integrationIds: undefined },
      { outcome: 'transferred', integrationIds: ['int_1'] },
    ]);
    expect(entry.title).toBe('Inbound call (transferred): call.completed → lead.created');
    expect(entry.deliveries.map((d) => d.id)).toEqual(['a', 'b']);
    expect(store.getSnapshot().sent).toHaveLength(2);
  });
});
