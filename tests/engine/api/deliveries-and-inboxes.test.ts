import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function send(path: string, init: RequestInit = { method: 'POST', body: '{}' }) {
  return (await (await fetch(t.info.httpUrl + path, init)).json()).id as string;
}

describe('deliveries API', () => {
  it('lists newest first and pages by cursor without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await send(`/page/${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: DeliveryList = await t.apiJson<DeliveryList>(`/api/deliveries?limit=3${cursor ? `&before=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by inbox slug, event, status class and free text', async () => {
    await t.apiJson('/api/inboxes', json('POST', { name: 'Filters', slug: 'filters' }));
    const a = await send('/i/filters/a', { method: 'POST', body: '{}', headers: { 'X-InboundFlow-Event': 'lead.created' } });
    await send('/i/filters/b-special');
    const byInbox = await t.apiJson('/api/deliveries?inbox=filters');
    expect(byInbox.items).toHaveLength(2);
    const byEvent = await t.apiJson<DeliveryList>('/api/deliveries?event=lead.created');
    expect(byEvent.items.map((d) => d.id)).toEqual([a]);
    const byText = await t.apiJson<DeliveryList>('/api/deliveries?q=special');
    expect(byText.items.map((d) => d.path)).toEqual(['/i/filters/b-special']);
    expect((await t.apiJson('/api/deliveries?inbox=filters&status=2xx')).items).toHaveLength(2);
    expect((await t.apiJson('/api/deliveries?inbox=filters&status=5xx')).items).toHaveLength(0);
  });

  it('rejects bad query values with a message that names the field', async () => {
    const res = await t.api('/api/deliveries?limit=0');
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/^limit:/);
    const unknown = await t.api('/api/deliveries?colour=red');
    expect(unknown.status).toBe(400);
    const cursor = await t.api('/api/deliveries?before=garbage');
    expect(cursor.status).toBe(400);
    expect((await cursor.json()).error).toBe('invalid_cursor');
  });

  it('gets and deletes one delivery, then 404s', async () => {
    const id = await send('/del');
    expect((await t.apiJson(`/api/deliveries/${id}`)).id).toBe(id);
    expect((await t.api(`/api/deliveries/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.api(`/api/deliveries/${id}`)).status).toBe(404);
    expect((await t.api(`/api/deliveries/${id}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('inboxes API', () => {
  it('creates with a slug from the name, renames, changes the slug and deletes', async () => {
    const created = await t.apiJson('/api/inboxes', json('POST', { name: 'Zapier Hooks!' }));
    expect(created.slug).toBe('zapier-hooks');
    expect(created.urls.http).toBe(`${t.info.httpUrl}/i/zapier-hooks/`);
    const renamed = await t.apiJson(`/api/inboxes/${created.id}`, json('PATCH', { name: 'Zapier', slug: 'zap' }));
    expect(renamed).toMatchObject({ name: 'Zapier', slug: 'zap' });
    expect((await t.apiJson('/api/inboxes/zap')).id).toBe(created.id);
    expect((await t.api(`/api/inboxes/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.api(`/api/inboxes/${created.id}`)).status).toBe(404);
  });

  it('keeps the previous secret when the secret changes, for rotation', async () => {
    const inbox = await t.apiJson('/api/inboxes', json('POST', { name: 'Rotate', secret: 'old' }));
    const rotated = await t.apiJson(`/api/inboxes/${inbox.id}`, json('PATCH', { secret: 'new' }));
    expect(rotated).toMatchObject({ secret: 'new', previous_secret: 'old' });
    const ended = await t.apiJson(`/api/inboxes/${inbox.id}`, json('PATCH', { previous_secret: null }));
    expect(ended.previous_secret).toBeNull();
  });

  it('refuses a duplicate slug, a bad slug, unknown fields and deleting the default inbox', async () => {
    await t.apiJson('/api/inboxes', json('POST', { name: 'One', slug: 'one' }));
    const dup = await t.api('/api/inboxes', json('POST', { name: 'Two', slug: 'one' }));
    expect(dup.status).toBe(409);
    const bad = await t.api('/api/inboxes', json('POST', { name: 'Bad', slug: 'Not OK' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/^slug:/);
    const extra = await t.api('/api/inboxes', json('POST', { name: 'X', colour: 'red' }));
    expect(extra.status).toBe(400);
    const notJson = await t.api('/api/inboxes', { method: 'POST', body: 'name=x', headers: { 'Content-Type': 'text/plain' } });
    expect(notJson.status).toBe(415);
    const broken = await t.api('/api/inboxes', { method: 'POST', body: '{', headers: { 'Content-Type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect((await t.api('/api/inboxes/default', { method: 'DELETE' })).status).toBe(409);
  });

  it('deletes an inbox together with its deliveries', async () => {
    const inbox = await t.apiJson('/api/inboxes', json('POST', { name: 'Gone', slug: 'gone' }));
    const id = await send('/i/gone/x');
    await t.api(`/api/inboxes/${inbox.id}`, { method: 'DELETE' });
    expect((await t.api(`/api/deliveries/${id}`)).status).toBe(404);
  });
});
