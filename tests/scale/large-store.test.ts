import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SEARCH_WORD, seedDeliveries } from '../../bench/seed.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { tempDir } from '../support/temp-dir.js';

// 200,000 keeps this under a minute on a shared 2-core machine; `npm run bench` seeds 1,000,000.
const ROWS = Number(process.env.HOOKBENCH_SCALE_ROWS ?? 200_000);

const dir = tempDir();
let t: TestEngine;
beforeAll(async () => {
  await seedDeliveries(ROWS, dir.path);
  t = await startTestEngine({ dataDir: dir.path });
}, 240_000);
afterAll(async () => {
  await t?.stop();
  dir.remove();
});

describe(`a store seeded with ${ROWS.toLocaleString('en')} deliveries`, () => {
  it('opens with every delivery counted, in the health figures and the inbox', async () => {
    const health = await t.apiJson('/api/health');
    expect(health.deliveries).toBe(ROWS);
    expect(health.storage.db_bytes).toBeGreaterThan(0);
    expect((await t.apiJson('/api/inboxes/default')).delivery_count).toBe(ROWS);
  });

  it('lists the newest page first and pages on by cursor', async () => {
    const first = await t.apiJson('/api/deliveries?limit=50');
    expect(first.items).toHaveLength(50);
    const newest = t.engine.store.db.prepare('SELECT id FROM deliveries ORDER BY seq DESC LIMIT 1').get() as { id: string };
    expect(first.items[0].id).toBe(newest.id);
    const second = await t.apiJson(`/api/deliveries?limit=50&before=${first.next}`);
    expect(second.items[0].received_at < first.items[49].received_at).toBe(true);
  });

  it('searches words, phrases and field filters over the whole store', async () => {
    const word = SEED_SEARCH_WORD(ROWS - 1);
    const hits = await t.apiJson(`/api/deliveries?q=${word}&limit=20`);
    expect(hits.items).toHaveLength(20);
    expect(hits.items[0].match.text).toContain(word);
    const phrase = await t.apiJson(`/api/deliveries?q=${encodeURIComponent(`"caller 5" ${SEED_SEARCH_WORD(5)} event:lead.created`)}&limit=5`);
    for (const d of phrase.items) expect(d.event).toBe('lead.created');
    expect(phrase.items.length).toBeGreaterThan(0);
    const none = await t.apiJson('/api/deliveries?q=nosuchwordanywhere');
    expect(none.items).toEqual([]);
  });

  it('keeps a delivery sent now findable and counted', async () => {
    const res = await fetch(`${t.info.httpUrl}/scale`, { method: 'POST', body: '{"marker":"okapi"}', headers: { 'Content-Type': 'application/json' } });
    const { id } = (await res.json()) as { id: string };
    expect((await t.apiJson('/api/deliveries?q=okapi')).items.map((d: any) => d.id)).toEqual([id]);
    expect((await t.apiJson('/api/health')).deliveries).toBe(ROWS + 1);
  });
});
