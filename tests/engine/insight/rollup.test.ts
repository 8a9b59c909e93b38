import { afterEach, describe, expect, it } from 'vitest';
import type { NewDelivery } from '../../../electron/engine/store/deliveries/delivery-rows.js';
import { createInsightQueries, type InsightScope } from '../../../electron/engine/store/insight/insight.js';
import { resolveWindow } from '../../../electron/engine/store/insight/insight-window.js';
import { openStore, type Store } from '../../../electron/engine/store/store.js';
import { tempDir } from '../../support/temp-dir.js';
import { expectRollupInStep } from './support/rollup-check.js';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;

const opened: Array<{ store: Store; remove: () => void }> = [];
afterEach(async () => {
  for (const { store, remove } of opened.splice(0)) {
    await store.close();
    remove();
  }
});

function open(): Store {
  const dir = tempDir();
  const store = openStore(dir.path);
  opened.push({ store, remove: dir.remove });
  return store;
}

let serial = 0;
function delivery(inboxId: string | null, receivedAt: number, status: number | null, extra: Partial<NewDelivery> = {}): NewDelivery {
  serial += 1;
  return {
    id: `dlv_rollup_${serial}`,
    direction: 'in',
    inboxId,
    integrationId: null,
    method: 'POST',
    path: '/',
    headers: [],
    body: Buffer.from('{}'),
    contentType: 'application/json',
    jsonState: 'valid',
    remoteAddress: '127.0.0.1',
    tls: false,
    via: 'direct',
    receivedAt,
    response: status === null ? null : { status, headers: [], body: Buffer.alloc(0) },
    event: null,
    deliveryId: null,
    signature: null,
    schema: null,
    replayOf: null,
    ...extra,
  };
}

function rate(store: Store, query: { bucket?: 'minute' | 'hour'; since: string; until: string }, scope: InsightScope = {}) {
  return createInsightQueries(store.db).rate(resolveWindow({ bucket: 'minute', ...query }, Date.now()), scope);
}

describe('delivery rollup', () => {
  it('counts deliveries per minute by status class, with empty minutes in the series', async () => {
    const store = open();
    const inbox = await store.inboxes.create({ name: 'A', slug: 'a' });
    for (const [offset, status] of [
      [0, 200],
      [5_000, 201],
      [59_999, 404],
      [MIN, 500],
      [3 * MIN + 1, null],
      [3 * MIN + 2, 0],
      [3 * MIN + 3, 101],
      [3 * MIN + 4, 302],
    ] as const) {
      await store.commitDelivery(delivery(inbox.id, T0 + offset, status));
    }
    const series = rate(store, { since: '2026-03-01T10:00:00Z', until: '2026-03-01T10:04:30Z' });
    expect(series).toMatchObject({ bucket: 'minute', since: '2026-03-01T10:00:00.000Z', until: '2026-03-01T10:04:30.000Z', total: 8 });
    expect(series.buckets.map((b) => [b.start.slice(11, 16), b.total])).toEqual([
      ['10:00', 3],
      ['10:01', 1],
      ['10:02', 0],
      ['10:03', 4],
      ['10:04', 0],
    ]);
    expect(series.buckets[0].counts).toEqual({ '1xx': 0, '2xx': 2, '3xx': 0, '4xx': 1, '5xx': 0, none: 0 });
    expect(series.buckets[1].counts).toMatchObject({ '5xx': 1 });
    // No answer and the status 0 of a hang or reset both count as none.
    expect(series.buckets[3].counts).toEqual({ '1xx': 1, '2xx': 0, '3xx': 1, '4xx': 0, '5xx': 0, none: 2 });
    await expectRollupInStep(store);
  });

  it('groups minutes into hours and leaves out what lies outside the window', async () => {
    const store = open();
    const inbox = await store.inboxes.create({ name: 'A', slug: 'a' });
    for (const offset of [-1, 0, 59 * MIN, 60 * MIN, 179 * MIN, 180 * MIN])
      await store.commitDelivery(delivery(inbox.id, T0 + offset, 200));
    const series = rate(store, { bucket: 'hour', since: '2026-03-01T10:30:00Z', until: '2026-03-01T12:59:59Z' });
    expect(series.since).toBe('2026-03-01T10:00:00.000Z');
    expect(series.buckets.map((b) => [b.start.slice(11, 16), b.counts['2xx']])).toEqual([
      ['10:00', 2],
      ['11:00', 1],
      ['12:00', 1],
    ]);
    expect(series.total).toBe(4);
  });

  it('keeps each inbox apart and filters by direction', async () => {
    const store = open();
    const a = await store.inboxes.create({ name: 'A', slug: 'a' });
    const b = await store.inboxes.create({ name: 'B', slug: 'b' });
    await store.commitDelivery(delivery(a.id, T0, 200));
    await store.commitDelivery(delivery(b.id, T0, 500));
    await store.commitDelivery(delivery(b.id, T0, 200, { direction: 'out', via: 'replay' }));
    const window = { since: '2026-03-01T10:00:00Z', until: '2026-03-01T10:00:30Z' };
    expect(rate(store, window, { sourceKey: a.id }).buckets[0].counts).toMatchObject({ '2xx': 1, '5xx': 0 });
    expect(rate(store, window, { sourceKey: b.id }).buckets[0].counts).toMatchObject({ '2xx': 1, '5xx': 1 });
    expect(rate(store, window, { sourceKey: b.id, direction: 'in' }).buckets[0].counts).toMatchObject({ '2xx': 0, '5xx': 1 });
    expect(rate(store, window).total).toBe(3);
  });

  it('takes deliveries out again when one is deleted, an inbox is cleared or pruned, or the inbox is deleted', async () => {
    const store = open();
    const a = await store.inboxes.create({ name: 'A', slug: 'a' });
    const b = await store.inboxes.create({ name: 'B', slug: 'b' });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const d = delivery(a.id, T0 + i * 1000, 200);
      await store.commitDelivery(d);
      ids.push(d.id);
      await store.commitDelivery(delivery(b.id, T0 + i * 1000, 404));
    }
    const window = { since: '2026-03-01T10:00:00Z', until: '2026-03-01T10:00:30Z' };
    const countsOf = () => rate(store, window).buckets[0].counts;
    expect(countsOf()).toMatchObject({ '2xx': 10, '4xx': 10 });

    await store.deliveries.delete(ids[0]);
    expect(countsOf()).toMatchObject({ '2xx': 9, '4xx': 10 });

    await store.inboxes.update(a.id, { retention: { max_count: 5, max_age_hours: null } });
    store.retention.start();
    await store.retention.idle();
    expect(countsOf()).toMatchObject({ '2xx': 5, '4xx': 10 });

    await store.deliveries.setPinned(ids[9], true);
    await store.clearInbox(a.id);
    expect(countsOf()).toMatchObject({ '2xx': 1, '4xx': 10 });
    await expectRollupInStep(store);

    await store.inboxes.delete(b.id);
    expect(countsOf()).toMatchObject({ '2xx': 1, '4xx': 0 });
    await expectRollupInStep(store);
  });

  it('moves a delivery between classes and bins when its answer is recorded, and to no source when its integration goes', async () => {
    const store = open();
    const now = Date.now();
    store.db
      .prepare(
        `INSERT INTO integrations (id, kind, name, url, created_at, updated_at) VALUES ('int_x', 'custom', 'X', 'https://example.com', ?, ?)`,
      )
      .run(now, now);
    const out = delivery(null, T0, null, { direction: 'out', via: 'dispatch', integrationId: 'int_x' });
    await store.commitDelivery(out);
    const window = { since: '2026-03-01T10:00:00Z', until: '2026-03-01T10:00:30Z' };
    const bucketOf = (scope: InsightScope = {}) => rate(store, window, scope).buckets[0];
    expect(bucketOf({ sourceKey: 'int_x' }).counts).toMatchObject({ none: 1, '2xx': 0 });

    store.db.prepare('UPDATE deliveries SET response_status = 200, response_ms = 42 WHERE id = ?').run(out.id);
    expect(bucketOf({ sourceKey: 'int_x' }).counts).toMatchObject({ none: 0, '2xx': 1 });
    const times = () => createInsightQueries(store.db).responseTimes(resolveWindow({ bucket: 'minute', ...window }, now), {});
    expect(times()).toMatchObject({ timed: 1, untimed: 0, p50_ms: 50 });

    store.db.prepare('UPDATE deliveries SET response_ms = 4200 WHERE id = ?').run(out.id);
    expect(times()).toMatchObject({ timed: 1, p50_ms: 5_000 });
    await expectRollupInStep(store);

    store.db.prepare("DELETE FROM integrations WHERE id = 'int_x'").run();
    expect(bucketOf({ sourceKey: 'int_x' }).total).toBe(0);
    expect(bucketOf().counts).toMatchObject({ '2xx': 1 });
    await expectRollupInStep(store);
    await store.deliveries.delete(out.id);
    expect(bucketOf().total).toBe(0);
    await expectRollupInStep(store);
  });
});
