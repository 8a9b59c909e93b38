import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryList } from '../../../shared/api/deliveries.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
  await t.apiJson('/api/inboxes', {
    method: 'POST',
    body: JSON.stringify({ name: 'Search', slug: 'search' }),
    headers: { 'Content-Type': 'application/json' },
  });
});
afterAll(() => t.stop());

async function send(path: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(t.info.httpUrl + path, {
    method: 'POST',
    body: body as BodyInit,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  return ((await res.json()) as { id: string }).id;
}

const search = async (q: string, extra = '') => (await t.apiJson<DeliveryList>(`/api/deliveries?q=${encodeURIComponent(q)}${extra}`)).items;
const ids = async (q: string, extra = '') => (await search(q, extra)).map((d) => d.id);

describe('full-text search', () => {
  it('finds a word in a body, a header value and a path, with a match to highlight', async () => {
    const inBody = await send('/i/search/a', JSON.stringify({ note: 'a zanzibar shipment' }));
    const inHeader = await send('/i/search/b', '{}', { 'X-Customer': 'Quokka Industries' });
    const inPath = await send('/i/search/hooks/marmoset?x=1', '{}');
    expect(await ids('zanzibar')).toEqual([inBody]);
    expect(await ids('quokka')).toEqual([inHeader]);
    expect(await ids('marmoset')).toEqual([inPath]);
    const [hit] = await search('zanzibar');
    const match = hit.match!; // set on every hit of a text search
    expect(match.field).toBe('body');
    const [start, end] = match.ranges[0];
    expect(match.text.slice(start, end)).toBe('zanzibar');
    expect((await search('quokka'))[0].match).toMatchObject({ field: 'headers' });
  });

  it('combines phrases, words and field filters, newest first, paged by cursor', async () => {
    const a = await send('/i/search/p1', JSON.stringify({ text: 'blue heron landed' }), { 'X-InboundFlow-Event': 'lead.created' });
    const b = await send('/i/search/p2', JSON.stringify({ text: 'heron blue landed' }), { 'X-InboundFlow-Event': 'lead.created' });
    const c = await send('/i/search/p3', JSON.stringify({ text: 'blue heron landed' }), { 'X-InboundFlow-Event': 'call.completed' });
    expect(await ids('"blue heron"')).toEqual([c, a]);
    expect(await ids('heron landed')).toEqual([c, b, a]);
    expect(await ids('"blue heron" event:lead.created')).toEqual([a]);
    expect(await ids('heron direction:in inbox:search method:POST status:2xx')).toEqual([c, b, a]);
    expect(await ids('heron direction:out')).toEqual([]);
    expect(await ids('heron', '&event=call.completed')).toEqual([c]);
    const first = await t.apiJson<DeliveryList>(`/api/deliveries?q=heron&limit=2`);
    expect(first.items.map((d) => d.id)).toEqual([c, b]);
    const second = await t.apiJson<DeliveryList>(`/api/deliveries?q=heron&limit=2&before=${first.next}`);
    expect(second.items.map((d) => d.id)).toEqual([a]);
    expect(second.next).toBeNull();
  });

  it('filters by time range with since and until', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const id = await send('/i/search/time', JSON.stringify({ text: 'ocelot' }));
    expect(await ids('ocelot', `&since=${encodeURIComponent(before)}`)).toEqual([id]);
    expect(await ids('ocelot', `&until=${encodeURIComponent(before)}`)).toEqual([]);
    expect(await ids(`ocelot since:${before}`)).toEqual([id]);
  });

  it('does not index binary bodies', async () => {
    const binary = Buffer.concat([Buffer.from('pangolin '), Buffer.from([0xff, 0xfe, 0x00, 0x81])]);
    await send('/i/search/bin', binary, { 'Content-Type': 'application/octet-stream' });
    expect(await ids('pangolin')).toEqual([]);
  });

  it('removes deleted deliveries and cleared inboxes from search', async () => {
    const id = await send('/i/search/del', JSON.stringify({ text: 'wombat' }));
    expect(await ids('wombat')).toEqual([id]);
    await t.api(`/api/deliveries/${id}`, { method: 'DELETE' });
    expect(await ids('wombat')).toEqual([]);

    const json = { 'Content-Type': 'application/json' };
    await t.apiJson('/api/inboxes', { method: 'POST', body: JSON.stringify({ name: 'Gone', slug: 'gone' }), headers: json });
    await send('/i/gone/x', JSON.stringify({ text: 'narwhal' }));
    expect(await ids('narwhal')).toHaveLength(1);
    await t.api('/api/inboxes/gone', { method: 'DELETE' });
    expect(await ids('narwhal')).toEqual([]);
  });

  it('answers invalid syntax with 400 invalid_query and a clear message, never an FTS error', async () => {
    for (const q of ['"open', 'colour:red', 'status:9xx']) {
      const res = await t.api(`/api/deliveries?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toBe('invalid_query');
      expect(body.message).not.toMatch(/fts5|syntax error/i);
    }
    const clash = await t.api(`/api/deliveries?direction=in&q=${encodeURIComponent('direction:out')}`);
    expect((await clash.json()).message).toMatch(/contradicts/);
    const odd = await t.api(`/api/deliveries?q=${encodeURIComponent('AND OR NOT ( ) * ^ - NEAR(')}`);
    expect(odd.status).toBe(200);
  });

  it('keeps counts in step with inserts and deletes', async () => {
    const json = { 'Content-Type': 'application/json' };
    const inbox = await t.apiJson('/api/inboxes', {
      method: 'POST',
      body: JSON.stringify({ name: 'Counted', slug: 'counted' }),
      headers: json,
    });
    expect(inbox.delivery_count).toBe(0);
    const health0 = await t.apiJson('/api/health');
    const a = await send('/i/counted/1', '{}');
    await send('/i/counted/2', '{}');
    expect((await t.apiJson('/api/inboxes/counted')).delivery_count).toBe(2);
    await t.api(`/api/deliveries/${a}`, { method: 'DELETE' });
    expect((await t.apiJson('/api/inboxes/counted')).delivery_count).toBe(1);
    const health = await t.apiJson('/api/health');
    expect(health.deliveries).toBe(health0.deliveries + 1);
    expect(health.storage.db_bytes).toBeGreaterThan(0);
    expect(health.storage.total_bytes).toBe(health.storage.db_bytes + health.storage.wal_bytes);
  });
});
