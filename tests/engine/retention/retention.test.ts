import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overCount, effectiveRetention } from '../../../electron/engine/store/retention/retention.js';
import type { DeliveryList } from '../../../shared/api/deliveries.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t.stop());

const json = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

async function send(path: string, text: string): Promise<string> {
  const res = await fetch(t.info.httpUrl + path, {
    method: 'POST',
    body: JSON.stringify({ text }),
    headers: { 'Content-Type': 'application/json' },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function allIds(slug: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: DeliveryList = await t.apiJson<DeliveryList>(`/api/deliveries?inbox=${slug}&limit=500${cursor ? `&before=${cursor}` : ''}`);
    ids.push(...page.items.map((d) => d.id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

describe('retention rules', () => {
  it('fills in the defaults: 100,000 deliveries, no age limit', () => {
    expect(effectiveRetention(null)).toEqual({ max_count: 100_000, max_age_hours: null });
    expect(effectiveRetention('{"max_age_hours":24}')).toEqual({ max_count: 100_000, max_age_hours: 24 });
    expect(effectiveRetention('{"max_count":null}')).toEqual({ max_count: null, max_age_hours: null });
  });

  it('removes at most one batch of the excess at a time', () => {
    expect(overCount(1200, 100, 500)).toBe(500);
    expect(overCount(150, 100, 500)).toBe(50);
    expect(overCount(90, 100, 500)).toBe(0);
    expect(overCount(10_000, null, 500)).toBe(0);
  });
});

describe('retention in a running engine', () => {
  it('prunes to the limit while ingest continues, keeping every newest delivery and every pinned one', async () => {
    const inbox = await t.apiJson('/api/inboxes', json('POST', { name: 'Capped', slug: 'capped', retention: { max_count: 40 } }));
    expect(inbox.retention).toEqual({ max_count: 40, max_age_hours: null });
    const first = await send('/i/capped/first', 'keep me');
    await t.apiJson(`/api/deliveries/${first}/pin`, { method: 'POST' });

    const acked: string[] = [];
    // Several senders at once, so prune steps run between commits rather than after them.
    for (let round = 0; round < 10; round++) {
      acked.push(...(await Promise.all(Array.from({ length: 30 }, (_, i) => send(`/i/capped/${round}/${i}`, `capybara ${round}`)))));
    }
    await t.engine.store.retention.idle();

    const kept = await allIds('capped');
    expect(kept.length).toBeLessThanOrEqual(40);
    expect(kept).toContain(first);
    // Arrival order within a round is the commit order; every one of the newest 39 acknowledged is kept.
    const stored = new Set(kept);
    const newest = kept.filter((id) => id !== first);
    expect(newest).toHaveLength(39);
    const lastRound = acked.slice(-30);
    for (const id of lastRound) expect(stored.has(id)).toBe(true);
    expect((await t.apiJson('/api/inboxes/capped')).delivery_count).toBe(40);
    // Pruned deliveries are gone from search too.
    const hits = (await t.apiJson('/api/deliveries?q=capybara&inbox=capped&limit=500')).items;
    expect(hits).toHaveLength(39);
  });

  it('removes deliveries older than the age limit and leaves pinned ones', async () => {
    await t.apiJson('/api/inboxes', json('POST', { name: 'Aged', slug: 'aged' }));
    const old = await send('/i/aged/old', 'old');
    const pinned = await send('/i/aged/pinned', 'pinned');
    await t.apiJson(`/api/deliveries/${pinned}/pin`, { method: 'POST' });
    // Move both into the past, as if they had arrived two hours ago.
    t.engine.store.db.prepare('UPDATE deliveries SET received_at = received_at - 7200000 WHERE id IN (?, ?)').run(old, pinned);
    const young = await send('/i/aged/young', 'young');
    await t.apiJson('/api/inboxes/aged', json('PATCH', { retention: { max_age_hours: 1 } }));
    t.engine.store.retention.nudge();
    await t.engine.store.retention.idle();
    expect((await allIds('aged')).sort()).toEqual([pinned, young].sort());
  });

  it('pins and unpins through the API, 404 for an unknown delivery', async () => {
    const id = await send('/pin-me', 'x');
    expect((await t.apiJson(`/api/deliveries/${id}/pin`, { method: 'POST' })).pinned).toBe(true);
    expect((await t.apiJson<DeliveryList>(`/api/deliveries?q=pinned:true`)).items.map((d) => d.id)).toContain(id);
    expect((await t.apiJson(`/api/deliveries/${id}/pin`, { method: 'DELETE' })).pinned).toBe(false);
    expect((await t.api('/api/deliveries/dlv_nope/pin', { method: 'POST' })).status).toBe(404);
  });

  it('clears an inbox but keeps its pinned deliveries', async () => {
    await t.apiJson('/api/inboxes', json('POST', { name: 'Clear', slug: 'clear' }));
    const keep = await send('/i/clear/keep', 'keep');
    await t.apiJson(`/api/deliveries/${keep}/pin`, { method: 'POST' });
    for (let i = 0; i < 12; i++) await send(`/i/clear/${i}`, 'gone');
    const result = await t.apiJson('/api/inboxes/clear/clear', { method: 'POST' });
    expect(result).toEqual({ ok: true, removed: 12, kept_pinned: 1 });
    expect(await allIds('clear')).toEqual([keep]);
    expect((await t.apiJson('/api/inboxes/clear')).delivery_count).toBe(1);
  });
});
