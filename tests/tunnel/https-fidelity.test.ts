import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../shared/api/body-codec.js';
import type { Relay } from '../../electron/relay/relay-server.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { makeTestTls, startTestRelay, TOKEN_A, type TestTls } from './support/relay-fixture.js';
import { json, send } from './support/senders.js';
import { startTunnelEngine } from './support/tunnel-engine.js';

const EVERY_BYTE = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

function bodyFor(i: number): Buffer {
  if (i % 40 === 0) return randomBytes(5 * 1024 * 1024);
  if (i % 3 === 0) return Buffer.alloc(0);
  return Buffer.concat([EVERY_BYTE, EVERY_BYTE.subarray(0, i % 256)]);
}

function headersFor(i: number): Array<[string, string]> {
  return [
    ['X-Request-Id', `req-${i}`],
    ['x-dup', 'first'],
    ['Content-Type', 'application/octet-stream'],
    ['X-Dup', 'second'],
    ['X-MiXeD-CaSe', `value ${i}`],
  ];
}

describe('through the relay over HTTPS and WSS', () => {
  let tls: TestTls;
  let relay: Relay;
  let engine: TestEngine;
  let tunnelUrl: string;

  beforeAll(async () => {
    tls = await makeTestTls();
    relay = await startTestRelay({ tls: { cert: tls.cert, key: tls.key }, domain: 'relay.test' });
    ({ engine, url: tunnelUrl } = await startTunnelEngine(relay, TOKEN_A, { relayCaFile: tls.caFile }));
  });
  afterAll(async () => {
    await engine?.stop();
    await relay?.close();
    tls?.remove();
  });

  it('gives the tunnel an https:// public URL on the relay', () => {
    expect(tunnelUrl).toMatch(new RegExp(`^${relay.url}/t/[a-z2-7]{24}$`));
    expect(relay.url).toMatch(/^https:\/\//);
  });

  it("delivers 200 concurrent requests (empty, every byte value, 5 MiB) byte-exact with headers in order, and the sender gets the app's response", async () => {
    const inbox = await engine.apiJson('/api/inboxes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Through the tunnel', slug: 'tunneled' }),
    });
    const agent = new https.Agent({ keepAlive: true, maxSockets: 200, ca: tls.caPem });
    const requests = Array.from({ length: 200 }, (_, i) => ({
      i,
      body: bodyFor(i),
      headers: headersFor(i),
      path: i % 2 === 0 ? `/i/tunneled/hook/${i}?q=${i}&x=%20y` : `/root/${i}?q=${i}`,
      method: i % 7 === 0 ? 'PUT' : 'POST',
    }));
    const responses = await Promise.all(
      requests.map((r) => send(`${tunnelUrl}${r.path}`, { method: r.method, headers: r.headers, body: r.body, agent })),
    );
    agent.destroy();

    for (const [index, r] of requests.entries()) {
      const response = responses[index];
      expect(response.status, `request ${r.i}`).toBe(200);
      const { id } = json(response);
      const record = await engine.apiJson(`/api/deliveries/${id}`);
      expect(decodeBody(record.body).equals(r.body), `body of request ${r.i}`).toBe(true);
      expect(record.method).toBe(r.method);
      expect(record.path).toBe(r.path);
      expect(record.via).toBe('tunnel');
      expect(record.tls).toBe(true);
      expect(record.remote_address).toMatch(/127\.0\.0\.1$/);
      expect(record.inbox_id === inbox.id).toBe(r.i % 2 === 0);
      const ours = (record.headers as Array<[string, string]>).filter(([name]) => /^x-/i.test(name) || name === 'Content-Type');
      expect(ours).toEqual(r.headers);
      // What the sender got is exactly the answer the app stored with the delivery.
      expect(record.response.status).toBe(response.status);
      expect(decodeBody(record.response.body).equals(response.body)).toBe(true);
      const contentType = response.headers[response.headers.findIndex((h) => h.toLowerCase() === 'content-type') + 1];
      expect(contentType).toBe('application/json');
    }
    expect(relay.stats()).toMatchObject({ streams: 0, held: 0, bufferedBytes: 0 });
  }, 120_000);

  it('tells the user how to trust a relay whose certificate comes from a private CA', async () => {
    const untrusting = await startTestEngine({ tunnelRetryMaxMs: 500 });
    try {
      const status = await untrusting.apiJson('/api/tunnel/connect', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ relay: relay.url, token: TOKEN_A }),
      });
      expect(status).toMatchObject({ status: 'reconnecting', url: null });
      expect(status.error.message).toMatch(/--relay-ca/);
    } finally {
      await untrusting.stop();
    }
  });

  it('serves the host-based URL <id>.<domain> too', async () => {
    const id = tunnelUrl.split('/t/')[1];
    const response = await send(`${relay.url}/hook?by=host`, {
      headers: [
        ['Host', `${id}.relay.test`],
        ['Content-Type', 'text/plain'],
      ],
      body: Buffer.from('by host'),
      ca: tls.caPem,
    });
    expect(response.status).toBe(200);
    const record = await engine.apiJson(`/api/deliveries/${json(response).id}`);
    expect(record.path).toBe('/hook?by=host');
    expect(record.body.data).toBe('by host');
  });
});
