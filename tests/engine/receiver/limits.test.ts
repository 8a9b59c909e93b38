import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portOf, rawRequest } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ maxBody: 1024, headersTimeoutMs: 400, requestTimeoutMs: 1500 });
});
afterAll(() => t.stop());

const count = async () => (await t.apiJson('/api/health')).deliveries as number;

describe('receiver limits', () => {
  it('answers 413 with a JSON reason when Content-Length is over the limit, stores nothing, and serves the next request', async () => {
    const before = await count();
    const res = await fetch(`${t.info.httpUrl}/big`, { method: 'POST', body: Buffer.alloc(4096, 1) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'body_too_large', limit: 1024 });
    expect(await count()).toBe(before);
    const next = await fetch(`${t.info.httpUrl}/ok`, { method: 'POST', body: 'fine' });
    expect(next.status).toBe(200);
  });

  it('answers 413 when a chunked body grows past the limit', async () => {
    const before = await count();
    const chunk = Buffer.alloc(600, 0x61);
    const head = 'POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n';
    const piece = Buffer.concat([Buffer.from('258\r\n'), chunk, Buffer.from('\r\n')]);
    const res = await rawRequest(portOf(t.info.httpUrl), Buffer.concat([Buffer.from(head), piece, piece, Buffer.from('0\r\n\r\n')]));
    expect(res.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('accepts a body exactly at the limit', async () => {
    const res = await fetch(`${t.info.httpUrl}/edge`, { method: 'POST', body: Buffer.alloc(1024, 0x62) });
    expect(res.status).toBe(200);
  });

  it('cuts off a client that trickles its headers past the timeout while others are served', async () => {
    const slow = net.connect(portOf(t.info.httpUrl), '127.0.0.1');
    const closed = new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      slow.on('data', (c) => chunks.push(c));
      slow.on('close', () => resolve(Buffer.concat(chunks).toString()));
      slow.on('error', () => {});
    });
    slow.write('POST /slow HTTP/1.1\r\nHost: a\r\n');
    const trickle = setInterval(() => slow.writable && slow.write('X-Slow: 1\r\n'), 100);
    try {
      // While the slow client is still trickling, a normal request is answered.
      const other = await fetch(`${t.info.httpUrl}/fast`, { method: 'POST', body: 'quick' });
      expect(other.status).toBe(200);
      const answer = await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(trickle);
      slow.destroy();
    }
  });

  it('answers 400 to a request that is not HTTP and keeps running', async () => {
    const res = await rawRequest(portOf(t.info.httpUrl), 'this is not http\r\n\r\n');
    expect(res.status).toBe(400);
    expect((await fetch(`${t.info.httpUrl}/after`, { method: 'POST', body: 'x' })).status).toBe(200);
  });
});
