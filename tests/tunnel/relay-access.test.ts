import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import type { TestEngine } from '../support/test-engine.js';
import { startTestRelay, TOKEN_A, TOKEN_B, tokens } from './support/relay-fixture.js';
import { rawTunnel } from './support/raw-tunnel.js';
import { json, send } from './support/senders.js';
import { startTunnelEngine, tunnelStatus } from './support/tunnel-engine.js';
import { startTestEngine } from '../support/test-engine.js';
import { waitUntil } from './support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function relayWith(options: Parameters<typeof startTestRelay>[0] = {}): Promise<Relay> {
  const relay = await startTestRelay(options);
  cleanups.push(() => relay.close());
  return relay;
}
async function engineOn(relay: Relay, token: string) {
  const started = await startTunnelEngine(relay, token);
  cleanups.push(() => started.engine.stop());
  return started;
}
async function deliveryCount(engine: TestEngine): Promise<number> {
  return (await engine.apiJson('/api/health')).deliveries;
}

describe('relay access', () => {
  it('refuses a tunnel without a token or with a wrong one, before any WebSocket exists', async () => {
    const relay = await relayWith();
    expect(await rawTunnel(relay.url, null)).toMatchObject({ kind: 'http', status: 401, body: { error: 'unauthorized' } });
    expect(await rawTunnel(relay.url, TOKEN_A + 'x')).toMatchObject({ kind: 'http', status: 401, body: { error: 'unauthorized' } });
    expect(await rawTunnel(relay.url, TOKEN_A, undefined, 'hookbench-tunnel.99')).toMatchObject({
      kind: 'http',
      status: 426,
      body: { error: 'unsupported_version' },
    });
    expect(relay.stats().tunnels).toBe(0);
  });

  it("shows a wrong token in the app's tunnel status and keeps retrying", async () => {
    const relay = await relayWith();
    const engine = await startTestEngine({ tunnelRetryMaxMs: 500 });
    cleanups.push(() => engine.stop());
    const status = await engine.apiJson('/api/tunnel/connect', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ relay: relay.url, token: 'not-the-right-token-at-all' }),
    });
    expect(status).toMatchObject({ status: 'reconnecting', url: null, error: { code: 'unauthorized' } });
    expect(Date.parse(status.next_attempt_at)).toBeGreaterThan(Date.now() - 1000);
    await tunnelStatus(engine, (s) => s.attempt >= 2);
    expect(relay.stats().tunnels).toBe(0);
  });

  it("keeps each tunnel's traffic to itself", async () => {
    const relay = await relayWith();
    const a = await engineOn(relay, TOKEN_A);
    const b = await engineOn(relay, TOKEN_B);
    expect(a.url).not.toBe(b.url);
    const toA = await send(`${a.url}/for-a`, { body: Buffer.from('A') });
    const toB = await send(`${b.url}/for-b`, { body: Buffer.from('B') });
    expect([toA.status, toB.status]).toEqual([200, 200]);
    expect((await a.engine.apiJson(`/api/deliveries/${json(toA).id}`)).body.data).toBe('A');
    expect((await b.engine.apiJson(`/api/deliveries/${json(toB).id}`)).body.data).toBe('B');
    expect((await a.engine.api(`/api/deliveries/${json(toB).id}`)).status).toBe(404);
    expect((await b.engine.api(`/api/deliveries/${json(toA).id}`)).status).toBe(404);
    expect([await deliveryCount(a.engine), await deliveryCount(b.engine)]).toEqual([1, 1]);
  });

  it("does not let another token, or the same token without the owner's secret, take an id over", async () => {
    const relay = await relayWith();
    const a = await engineOn(relay, TOKEN_A);
    const id = a.status.tunnel_id!;
    const byOther = await rawTunnel(relay.url, TOKEN_B, { type: 'hello', version: 1, window: 65536, tunnel_id: id });
    expect(byOther).toMatchObject({ kind: 'frame', frame: { type: 'refused', code: 'tunnel_id_not_yours' } });
    const bySameToken = await rawTunnel(relay.url, TOKEN_A, { type: 'hello', version: 1, window: 65536, tunnel_id: id, resume: 'guessed' });
    expect(bySameToken).toMatchObject({ kind: 'frame', frame: { type: 'refused', code: 'tunnel_id_in_use' } });
    // The owner still gets its traffic.
    const res = await send(`${a.url}/still-mine`, { body: Buffer.from('x') });
    expect(res.status).toBe(200);
    expect((await a.engine.apiJson(`/api/deliveries/${json(res).id}`)).path).toBe('/still-mine');
  });

  it('gives a token its reserved name and nobody else', async () => {
    const relay = await relayWith({ tokens: tokens({ token: TOKEN_A, names: ['acme'] }, TOKEN_B) });
    const a = await engineOn(relay, TOKEN_A);
    expect(a.status.tunnel_id).toBe('acme');
    expect(a.url).toBe(`${relay.url}/t/acme`);
    await a.engine.stop();
    const taken = await rawTunnel(relay.url, TOKEN_B, { type: 'hello', version: 1, window: 65536, tunnel_id: 'acme' });
    expect(taken).toMatchObject({ kind: 'frame', frame: { type: 'refused', code: 'tunnel_id_not_yours' } });
  });

  it('limits tunnels per token', async () => {
    const relay = await relayWith({ maxTunnelsPerToken: 1 });
    await engineOn(relay, TOKEN_A);
    const second = await rawTunnel(relay.url, TOKEN_A);
    expect(second).toMatchObject({ kind: 'frame', frame: { type: 'refused', code: 'too_many_tunnels' } });
    const other = await rawTunnel(relay.url, TOKEN_B);
    expect(other).toMatchObject({ kind: 'frame', frame: { type: 'welcome' } });
    if (other.kind === 'frame') other.ws.close();
  });

  it('refuses bodies over the limit with 413 and delivers nothing', async () => {
    const relay = await relayWith({ maxBody: 1024 });
    const a = await engineOn(relay, TOKEN_A);
    const declared = await send(`${a.url}/big`, { body: Buffer.alloc(2048, 1) });
    expect(declared.status).toBe(413);
    expect(json(declared).error).toBe('body_too_large');
    const chunked = await send(`${a.url}/big`, { headers: [['Transfer-Encoding', 'chunked']], body: Buffer.alloc(4096, 2) });
    expect(chunked.status).toBe(413);
    expect(await deliveryCount(a.engine)).toBe(0);
    expect((await send(`${a.url}/small`, { body: Buffer.alloc(1024, 3) })).status).toBe(200);
  });

  it("applies the app's own body limit through the tunnel, answering with the app's 413", async () => {
    const relay = await relayWith();
    const started = await startTunnelEngine(relay, TOKEN_A, { maxBody: 1024 });
    cleanups.push(() => started.engine.stop());
    const res = await send(`${started.url}/too-big`, { body: Buffer.alloc(512 * 1024, 7) });
    expect(res.status).toBe(413);
    expect(json(res)).toMatchObject({ error: 'body_too_large', limit: 1024 });
    expect(res.headers).not.toContain('X-Hookbench-Relay-Error');
    expect(await deliveryCount(started.engine)).toBe(0);
    expect((await send(`${started.url}/fits`, { body: Buffer.alloc(1024, 7) })).status).toBe(200);
  });

  it('holds requests for an absent app, then answers 503 tunnel_offline; past the in-flight limit it answers 429 at once', async () => {
    const relay = await relayWith({ holdMs: 300, maxInflight: 2 });
    // An app that was connected and went away: its id is known, so its senders are held.
    const app = await rawTunnel(relay.url, TOKEN_A);
    if (app.kind !== 'frame' || app.frame.type !== 'welcome') throw new Error('no welcome');
    const id = app.frame.tunnel_id;
    app.ws.close();
    await waitUntil(() => !relay.isConnected(id), 'the app to leave');
    const started = Date.now();
    const held = [
      send(`${relay.url}/t/${id}/one`, { body: Buffer.from('1') }),
      send(`${relay.url}/t/${id}/two`, { body: Buffer.from('2') }),
    ];
    await waitUntil(() => relay.stats().held === 2, 'two held requests');
    const third = await send(`${relay.url}/t/${id}/three`, { body: Buffer.from('3') });
    expect(third.status).toBe(429);
    expect(json(third)).toMatchObject({ error: 'tunnel_busy' });
    const answers = await Promise.all(held);
    expect(answers.map((r) => r.status)).toEqual([503, 503]);
    expect(json(answers[0])).toMatchObject({ error: 'tunnel_offline' });
    expect(answers[0].headers).toContain('X-Hookbench-Relay-Error');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(relay.stats()).toMatchObject({ held: 0, streams: 0 });
  });

  it('records the sender address and scheme from X-Forwarded-* only when the relay trusts its proxy', async () => {
    const forwarded: Array<[string, string]> = [
      ['X-Forwarded-For', '198.51.100.1, 203.0.113.9'],
      ['X-Forwarded-Proto', 'https'],
    ];
    for (const trustProxy of [false, true]) {
      const relay = await relayWith({ trustProxy });
      const { engine, url } = await engineOn(relay, TOKEN_A);
      const res = await send(`${url}/proxied`, { headers: forwarded, body: Buffer.from('x') });
      const record = await engine.apiJson(`/api/deliveries/${json(res).id}`);
      expect(record.remote_address).toMatch(trustProxy ? /^203\.0\.113\.9$/ : /127\.0\.0\.1$/);
      expect(record.tls).toBe(trustProxy);
      // The headers themselves reach the app as sent either way.
      expect(record.headers.filter(([name]: [string, string]) => name.startsWith('X-Forwarded'))).toEqual(forwarded);
    }
  });

  it('answers 404 unknown_tunnel at once for an id no app has connected with', async () => {
    const relay = await relayWith({ holdMs: 30_000 });
    const res = await send(`${relay.url}/t/abcdefghijklmnopqrstuvwx/hook`, { body: Buffer.from('x') });
    expect(res.status).toBe(404);
    expect(json(res)).toMatchObject({ error: 'unknown_tunnel' });
    expect(relay.stats().held).toBe(0);
  });

  it('answers /healthz and 404 for anything that is not a tunnel URL', async () => {
    const relay = await relayWith();
    const health = await send(`${relay.url}/healthz`, { method: 'GET' });
    expect(health.status).toBe(200);
    expect(json(health)).toEqual({ ok: true, tunnels: 0 });
    expect((await send(`${relay.url}/elsewhere`, { method: 'GET' })).status).toBe(404);
  });
});
