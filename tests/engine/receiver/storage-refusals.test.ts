import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const t of engines.splice(0)) await t.stop();
});

async function engine(): Promise<TestEngine> {
  const t = await startTestEngine();
  engines.push(t);
  return t;
}

/** The disk fills up now, or has room again: SQLite's own size limit on the engine's connection. */
function diskFull(t: TestEngine, full: boolean): void {
  const db = t.engine.store.db;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${full ? pages : pages + 10_000}`);
}

const post = (t: TestEngine, body: string | Buffer) =>
  fetch(`${t.info.httpUrl}/refusals`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) });

// The same paths run under real fault injection in tests/durability (strace, a filled store); these run in-process.
describe('what the receiver answers when the store cannot write', () => {
  it('answers 503 not_stored to a request that does not fit, stores nothing of it, and 200 again once there is room', async () => {
    const t = await engine();
    const created: string[] = [];
    t.engine.events.subscribe((m) => m.type === 'delivery.created' && created.push(m.delivery.id));
    diskFull(t, true);
    const refused = await post(t, randomBytes(100_000));
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({
      error: 'not_stored',
      message: expect.stringMatching(/^Hookbench did not store this request; retry it later\. Storage is full: .*database or disk is full/),
    });
    expect((await t.apiJson('/api/health')).deliveries).toBe(0);
    expect(await t.apiJson('/api/health')).toMatchObject({ ok: false, storage: { state: 'full' } });

    diskFull(t, false);
    const stored = await fetch(`${t.info.httpUrl}/refusals`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"fits":true}',
    });
    expect(stored.status).toBe(200);
    const { id } = await stored.json();
    expect(await t.apiJson(`/api/deliveries/${id}`)).toMatchObject({
      body: { data: '{"fits":true}' },
      content_type: 'application/json',
      json: 'valid',
    });
    const unknown = await fetch(`${t.info.httpUrl}/i/nowhere/x`, { method: 'POST', body: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: 'unknown_inbox',
      message: 'No inbox with the slug "nowhere"; nothing was stored. Create it in Hookbench or send to / for the default inbox.',
    });
    // Only what was stored is announced on the live feed.
    expect(created).toEqual([id]);
    expect(await t.apiJson('/api/health')).toMatchObject({ ok: true, storage: { state: 'ok', since: null, message: null } });
  });

  it('after a failed flush refuses every delivery and every API write, keeps serving reads, and says to restart', async () => {
    const t = await engine();
    const before = await (await post(t, 'before')).json();
    const announced = new Promise((resolve) => t.engine.events.subscribe((m) => m.type === 'storage.status' && resolve(m)));
    // What the WAL flush reports when fdatasync fails (tests/durability injects the real failure with strace).
    t.engine.store.condition.note({ kind: 'flush_failed', error: Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }) });
    expect(await announced).toMatchObject({ type: 'storage.status', state: 'broken', message: expect.stringMatching(/restart Hookbench/) });

    for (const body of ['after', '']) {
      const refused = await post(t, body);
      expect(refused.status).toBe(503);
      expect((await refused.json()).message).toMatch(/EIO: i\/o error, fdatasync.*restart Hookbench/);
    }
    const inbox = await t.api('/api/inboxes', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"x"}' });
    expect(inbox.status).toBe(503);
    expect(await inbox.json()).toMatchObject({ error: 'not_stored', message: expect.stringMatching(/restart Hookbench/) });
    expect((await t.api(`/api/deliveries/${before.id}`, { method: 'DELETE' })).status).toBe(503);
    expect((await t.apiJson(`/api/deliveries/${before.id}`)).body.data).toBe('before');
    expect(await t.apiJson('/api/health')).toMatchObject({ ok: false, deliveries: 1, storage: { state: 'broken' } });
  });
});
