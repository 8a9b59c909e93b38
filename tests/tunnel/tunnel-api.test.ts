import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import type { Inbox } from '../../shared/api/inboxes.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { tempDir } from '../support/temp-dir.js';
import { startTestRelay, TOKEN_A, tokens } from './support/relay-fixture.js';
import { json, send } from './support/senders.js';
import { tunnelStatus } from './support/tunnel-engine.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function relay(): Promise<Relay> {
  const started = await startTestRelay();
  cleanups.push(() => started.close());
  return started;
}
async function engine(dataDir?: string): Promise<TestEngine> {
  const started = await startTestEngine({ tunnelRetryMaxMs: 500, ...(dataDir ? { dataDir } : {}) });
  cleanups.push(() => started.stop());
  return started;
}
const post = (path: string, body?: unknown): RequestInit =>
  body === undefined ? { method: 'POST' } : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };

/** A live feed message, read untyped; these tests look at tunnel.status ones. */
type LiveStatusMessage = Record<string, unknown>;

/** Collects the live feed's tunnel.status messages; `next` waits for one that matches. */
async function liveTunnelStatuses(e: TestEngine) {
  const port = new URL(e.info.apiUrl).port;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/live`, ['hookbench.v1', `token.${e.info.token}`]);
  const messages: LiveStatusMessage[] = [];
  const waiters: Array<{ check: (m: LiveStatusMessage) => boolean; resolve: (m: LiveStatusMessage) => void }> = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as LiveStatusMessage;
    if (message.type !== 'tunnel.status') return;
    messages.push(message);
    for (const waiter of waiters.splice(0)) {
      if (waiter.check(message)) waiter.resolve(message);
      else waiters.push(waiter);
    }
  });
  cleanups.push(() => socket.close());
  await new Promise((resolve, reject) => {
    socket.once('message', resolve);
    socket.once('error', reject);
  });
  const next = (check: (m: LiveStatusMessage) => boolean) =>
    new Promise<LiveStatusMessage>((resolve) => {
      const seen = messages.find(check);
      if (seen) return resolve(seen);
      waiters.push({ check, resolve });
    });
  return { messages, next };
}

describe('tunnel control API', () => {
  it('is offline until connected, and refuses to connect without a relay', async () => {
    const e = await engine();
    expect(await e.apiJson('/api/tunnel')).toMatchObject({ status: 'offline', url: null });
    const res = await e.api('/api/tunnel/connect', post('/api/tunnel/connect'));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'relay_not_configured' });
    const bad = await e.api('/api/tunnel/connect', post('', { relay: 'http://relay.example.com', token: TOKEN_A }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/https:\/\//);
  });

  it('connects, shows the public URL on every inbox and on the live feed, and disconnects', async () => {
    const r = await relay();
    const e = await engine();
    const live = await liveTunnelStatuses(e);
    await e.apiJson('/api/inboxes', post('', { name: 'Stripe', slug: 'stripe' }));

    const online = await e.apiJson('/api/tunnel/connect', post('', { relay: r.url, token: TOKEN_A }));
    expect(online).toMatchObject({ provider: 'relay', status: 'online', relay: r.url, url_stable: true, error: null, probe: { ok: true } });
    expect(online.url).toBe(`${r.url}/t/${online.tunnel_id}`);
    expect(await e.apiJson('/api/tunnel')).toMatchObject({ status: 'online', url: online.url });
    const inboxes = (await e.apiJson<{ items: Inbox[] }>('/api/inboxes')).items;
    expect(Object.fromEntries(inboxes.map((i) => [i.slug, i.urls.tunnel]))).toEqual({
      default: `${online.url}/`,
      stripe: `${online.url}/i/stripe/`,
    });

    const delivered = await send(`${online.url}/i/stripe/webhook`, {
      body: Buffer.from('{"x":1}'),
      headers: [['Content-Type', 'application/json']],
    });
    const record = await e.apiJson(`/api/deliveries/${json(delivered).id}`);
    expect(record).toMatchObject({
      path: '/i/stripe/webhook',
      via: 'tunnel',
      tunnel_provider: 'relay',
      remote_address: '127.0.0.1',
      remote_address_source: 'peer address via relay',
    });
    expect(record.inbox_id).toBe(inboxes.find((i) => i.slug === 'stripe')?.id);

    const offline = await e.apiJson('/api/tunnel/disconnect', post(''));
    expect(offline).toMatchObject({ status: 'offline', url: null });
    expect(r.isConnected(online.tunnel_id)).toBe(false);
    expect((await e.apiJson<{ items: Inbox[] }>('/api/inboxes')).items.every((i) => i.urls.tunnel === null)).toBe(true);
    expect((await live.next((m) => m.status === 'online')).url).toBe(online.url);
    expect(await live.next((m) => m.status === 'offline')).toMatchObject({ url: null, relay: r.url });
  });

  it('keeps the same URL when the app restarts, and reconnects by itself if it was connected', async () => {
    const r = await relay();
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await startTestEngine({ dataDir: dir.path, tunnelRetryMaxMs: 500 });
    const online = await first.apiJson('/api/tunnel/connect', post('', { relay: r.url, token: TOKEN_A }));
    await first.stop();
    const second = await engine(dir.path);
    const again = await tunnelStatus(second, (s) => s.status === 'online');
    expect(again.url).toBe(online.url);
    expect((await send(`${again.url}/after-restart`, { body: Buffer.from('x') })).status).toBe(200);

    await second.apiJson('/api/tunnel/disconnect', post(''));
    await second.stop();
    const third = await engine(dir.path);
    expect(await third.apiJson('/api/tunnel')).toMatchObject({ status: 'offline', tunnel_id: online.tunnel_id });
    const reconnected = await third.apiJson('/api/tunnel/connect', post('', {}));
    expect(reconnected).toMatchObject({ status: 'online', url: online.url });
  });

  it("connects under a name reserved for the token, and says so when the name is not the token's", async () => {
    const r = await startTestRelay({ tokens: tokens({ token: TOKEN_A, names: ['acme', 'beta'] }) });
    cleanups.push(() => r.close());
    const e = await engine();
    const named = await e.apiJson('/api/tunnel/connect', post('', { relay: r.url, token: TOKEN_A, name: 'beta' }));
    expect(named).toMatchObject({ status: 'online', tunnel_id: 'beta', url: `${r.url}/t/beta` });
    const refused = await e.apiJson('/api/tunnel/connect', post('', { name: 'zeta' }));
    expect(refused).toMatchObject({ status: 'reconnecting', tunnel_id: 'zeta', error: { code: 'tunnel_id_not_yours' } });
  });

  it('serves the tunnel routes in the OpenAPI document', async () => {
    const e = await engine();
    const doc = await (await e.api('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/tunnel',
        '/api/tunnel/connect',
        '/api/tunnel/disconnect',
        '/api/tunnel/probe',
        '/api/tunnel/settings',
        '/api/tunnel/cloudflared/download',
      ]),
    );
  });
});
