import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBE_HEADER, PROBE_PATH } from '../../../electron/engine/tunnel/probe-protocol.js';
import type { TestEngine } from '../../support/test-engine.js';
import { json, send } from '../support/senders.js';
import { postJson, startCoreEngine } from './support/core-engine.js';
import { SENDER, standInProviders } from './support/stand-in-provider.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function engineWithStandIn() {
  const { factory, control } = standInProviders();
  const engine = await startCoreEngine({ tunnelProbeSettleMs: 0 }, { tunnelProviders: factory });
  cleanups.push(() => engine.stop());
  return { engine, control };
}

const deliveryCount = async (engine: TestEngine): Promise<number> => (await engine.apiJson('/api/health')).deliveries;

describe('tunnel ingress', () => {
  it("stores what a provider forwards as via tunnel with the provider's name and the sender address it reports, labelled", async () => {
    const { engine } = await engineWithStandIn();
    await engine.apiJson('/api/inboxes', postJson({ name: 'Stripe', slug: 'stripe' }));
    const status = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    expect(status).toMatchObject({ provider: 'cloudflare', status: 'online' });

    const answer = await send(`${status.url}/i/stripe/hook?x=1`, {
      body: Buffer.from('{"a":1}'),
      headers: [['Content-Type', 'application/json']],
    });
    expect(answer.status).toBe(200);
    const record = await engine.apiJson(`/api/deliveries/${json(answer).id}`);
    expect(record).toMatchObject({
      path: '/i/stripe/hook?x=1',
      via: 'tunnel',
      tls: true,
      tunnel_provider: 'cloudflare',
      remote_address: SENDER,
      remote_address_source: 'CF-Connecting-IP via cloudflare',
    });
    expect(record.body).toMatchObject({ encoding: 'utf8', data: '{"a":1}' });

    const direct = await send(`${engine.info.httpUrl}/plain`, { body: Buffer.from('x') });
    expect(await engine.apiJson(`/api/deliveries/${json(direct).id}`)).toMatchObject({
      via: 'direct',
      tunnel_provider: null,
      remote_address_source: null,
    });
    const listed = await engine.apiJson('/api/deliveries?provider=cloudflare');
    expect(listed.items.map((d: { id: string }) => d.id)).toEqual([json(answer).id]);
    expect((await engine.apiJson('/api/deliveries?q=provider:ngrok')).items).toEqual([]);
  });

  it('takes the first X-Forwarded-For entry as the sender for ngrok', async () => {
    const { engine } = await engineWithStandIn();
    const status = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'ngrok', authtoken: 'stand-in-token-0123456789' }));
    const answer = await send(`${status.url}/n`, { body: Buffer.from('n') });
    expect(await engine.apiJson(`/api/deliveries/${json(answer).id}`)).toMatchObject({
      tunnel_provider: 'ngrok',
      remote_address: SENDER,
      remote_address_source: 'X-Forwarded-For via ngrok',
    });
  });

  it('answers the probe through the public URL without storing it, and times it', async () => {
    const { engine, control } = await engineWithStandIn();
    await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    const before = await deliveryCount(engine);
    const seenBefore = control.proxy!.seen;
    const probed = await engine.apiJson('/api/tunnel/probe', postJson());
    expect(probed).toMatchObject({ status: 'online', probe: { ok: true, error: null } });
    expect(probed.probe.rtt_ms).toBeGreaterThanOrEqual(0);
    // It went through the provider's public side, and nothing was stored.
    expect(control.proxy!.seen).toBe(seenBefore + 1);
    expect(await deliveryCount(engine)).toBe(before);
  });

  it('stores a request that looks like a probe but carries another secret, like any request', async () => {
    const { engine } = await engineWithStandIn();
    const status = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    const before = await deliveryCount(engine);
    const forged = await send(`${status.url}${PROBE_PATH}`, {
      method: 'GET',
      headers: [[PROBE_HEADER, 'not-the-secret.0123456789abcdef']],
    });
    expect(forged.status).toBe(200);
    expect(await deliveryCount(engine)).toBe(before + 1);
    expect(await engine.apiJson(`/api/deliveries/${json(forged).id}`)).toMatchObject({
      path: PROBE_PATH,
      via: 'tunnel',
      tunnel_provider: 'cloudflare',
    });
  });

  it('reads methods Node refuses at the ingress too, as the receiver does', async () => {
    const { engine, control } = await engineWithStandIn();
    await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'localtunnel', host: 'http://127.0.0.1:9' }));
    // Straight to the ingress: the stand-in's proxy is a Node server and would refuse BREW itself.
    const { host, port } = control.context!.target;
    const raw = await rawExchange(
      host,
      port,
      'BREW /pot HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.9\r\nContent-Length: 3\r\n\r\ntea',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200/);
    const id = /"id":"([^"]+)"/.exec(raw)![1];
    expect(await engine.apiJson(`/api/deliveries/${id}`)).toMatchObject({
      method: 'BREW',
      via: 'tunnel',
      tunnel_provider: 'localtunnel',
      remote_address: '198.51.100.9',
      remote_address_source: 'X-Forwarded-For via localtunnel',
    });
  });
});

/** Writes raw bytes and reads until the server closes or a whole JSON answer came back. */
function rawExchange(host: string, port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port }, () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (/\r\n\r\n[\s\S]*\}$/.test(received)) {
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}
