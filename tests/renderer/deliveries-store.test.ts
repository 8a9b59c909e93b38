import { describe, expect, it } from 'vitest';
import type { DeliveryList, DeliverySummary } from '../../shared/api/deliveries.js';
import { DeliveriesStore, type DeliveryPageSource } from '../../renderer/src/model/deliveries/deliveries-store.js';
import { NO_FILTERS } from '../../renderer/src/model/deliveries/delivery-filters.js';
import type { FrameScheduler } from '../../renderer/src/model/common/frame-batch-queue.js';
import { summary } from './support/summary-fixture.js';

/** A fake page source over a fixed newest-first list, recording the queries it was asked. */
function source(all: DeliverySummary[]): DeliveryPageSource & { queries: Record<string, string | undefined>[] } {
  const queries: Record<string, string | undefined>[] = [];
  return {
    queries,
    listDeliveries(query): Promise<DeliveryList> {
      queries.push(query);
      const start = query.before ? all.findIndex((d) => d.id === query.before) + 1 : 0;
      const limit = Number(query.limit);
      const items = all.slice(start, start + limit);
      return Promise.resolve({ items, next: start + limit < all.length ? items[items.length - 1].id : null });
    },
  };
}

/** A frame scheduler the test flushes by hand, counting frames. */
function manualFrames(): FrameScheduler & { flush(): void; requested: number } {
  let callbacks: (() => void)[] = [];
  return {
    requested: 0,
    request(callback) {
      this.requested += 1;
      callbacks.push(callback);
    },
    flush() {
      const run = callbacks;
      callbacks = [];
      run.forEach((cb) => cb());
    },
  };
}

const rows = (store: DeliveriesStore) => Array.from({ length: store.getSnapshot().count }, (_, i) => store.rowAt(i)!.id);

describe('DeliveriesStore', () => {
  it('loads newest first and pages older by cursor until the end', async () => {
    const all = Array.from({ length: 250 }, (_, i) => summary(250 - i));
    const api = source(all);
    const store = new DeliveriesStore(api, manualFrames());
    await store.reload();
    expect(store.getSnapshot()).toMatchObject({ count: 100, hasMore: true, loaded: true });
    await store.loadMore();
    await store.loadMore();
    await store.loadMore();
    expect(store.getSnapshot()).toMatchObject({ count: 250, hasMore: false });
    expect(rows(store)).toEqual(all.map((d) => d.id));
    expect(api.queries.map((q) => q.before)).toEqual([undefined, 'd151', 'd51']);
  });

  it('applies a burst of live deliveries in one frame, newest on top, with one snapshot change', async () => {
    const frames = manualFrames();
    const store = new DeliveriesStore(source([summary(1)]), frames);
    await store.reload();
    let notifications = 0;
    store.subscribe(() => (notifications += 1));
    for (let n = 2; n <= 1001; n += 1) store.receive({ type: 'delivery.created', delivery: summary(n) });
    expect(store.getSnapshot().count).toBe(1);
    expect(frames.requested).toBe(1);
    frames.flush();
    expect(notifications).toBe(1);
    expect(store.getSnapshot()).toMatchObject({ count: 1001, prepended: 1000 });
    expect(store.rowAt(0)!.id).toBe('d1001');
    expect(store.rowAt(1000)!.id).toBe('d1');
    expect(store.indexOf('d1001')).toBe(0);
    expect(store.indexOf('d1')).toBe(1000);
  });

  it('does not duplicate a delivery that arrives live and in a page', async () => {
    const frames = manualFrames();
    const store = new DeliveriesStore(source([summary(2), summary(1)]), frames);
    store.receive({ type: 'delivery.created', delivery: summary(2) });
    frames.flush();
    await store.reload();
    expect(rows(store)).toEqual(['d2', 'd1']);
  });

  it('keeps live deliveries that do not match the filters out of the list', async () => {
    const frames = manualFrames();
    const store = new DeliveriesStore(source([]), frames);
    await store.setFilters({ ...NO_FILTERS, status: '4xx', q: 'stripe' });
    store.receive({ type: 'delivery.created', delivery: summary(1, { response_status: 200, path: '/stripe' }) });
    store.receive({ type: 'delivery.created', delivery: summary(2, { response_status: 404, path: '/github' }) });
    store.receive({ type: 'delivery.created', delivery: summary(3, { response_status: 404, path: '/Stripe/x' }) });
    frames.flush();
    expect(rows(store)).toEqual(['d3']);
  });

  it('sends the filters to the API', async () => {
    const api = source([]);
    const store = new DeliveriesStore(api, manualFrames());
    await store.setFilters({
      direction: 'in',
      inbox: 'ib1',
      integration: '',
      event: 'call.completed',
      status: '5xx',
      signature: 'invalid',
      schema: 'valid',
      q: ' brake ',
    });
    expect(api.queries[0]).toEqual({
      direction: 'in',
      inbox: 'ib1',
      event: 'call.completed',
      status: '5xx',
      signature: 'invalid',
      schema: 'valid',
      q: 'brake',
      limit: '100',
    });
  });

  it('keeps live deliveries out of the list unless their signature and schema verdicts match the filters', async () => {
    const frames = manualFrames();
    const store = new DeliveriesStore(source([]), frames);
    await store.setFilters({ ...NO_FILTERS, signature: 'invalid', schema: 'invalid' });
    store.receive({ type: 'delivery.created', delivery: summary(1, { signature_verdict: 'valid', schema_valid: false }) });
    store.receive({ type: 'delivery.created', delivery: summary(2, { signature_verdict: 'invalid', schema_valid: false }) });
    store.receive({ type: 'delivery.created', delivery: summary(3, { signature_verdict: 'invalid', schema_valid: true }) });
    store.receive({ type: 'delivery.created', delivery: summary(4, { signature_verdict: null, schema_valid: null }) });
    frames.flush();
    expect(rows(store)).toEqual(['d2']);
  });

  it('replaces updated summaries in place and drops deleted ones', async () => {
    const frames = manualFrames();
    const store = new DeliveriesStore(source([summary(3), summary(2), summary(1)]), frames);
    await store.reload();
    store.receive({ type: 'delivery.updated', delivery: summary(2, { response_status: 500 }) });
    store.receive({ type: 'delivery.deleted', id: 'd3' });
    frames.flush();
    expect(rows(store)).toEqual(['d2', 'd1']);
    expect(store.rowAt(0)!.response_status).toBe(500);
    expect(store.indexOf('d1')).toBe(1);
  });

  it('ignores a page that answers after the filters changed', async () => {
    let release!: (list: DeliveryList) => void;
    const slow: DeliveryPageSource = {
      listDeliveries: (query) => (query.event ? Promise.resolve({ items: [summary(9)], next: null }) : new Promise((r) => (release = r))),
    };
    const store = new DeliveriesStore(slow, manualFrames());
    const first = store.reload();
    await store.setFilters({ ...NO_FILTERS, event: 'lead.created' });
    release({ items: [summary(1)], next: null });
    await first;
    expect(rows(store)).toEqual(['d9']);
  });

  it('puts deliveries missed while the feed was down on top when it resumes', async () => {
    const all = [summary(2), summary(1)];
    const store = new DeliveriesStore(source(all), manualFrames());
    await store.reload();
    all.unshift(summary(4), summary(3));
    await store.catchUp();
    expect(rows(store)).toEqual(['d4', 'd3', 'd2', 'd1']);
  });
});
