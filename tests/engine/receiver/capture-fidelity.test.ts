import { readFileSync } from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../shared/api/body-codec.js';
import { portOf, rawRequest } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t.stop());

async function stored(id: string) {
  return t.apiJson(`/api/deliveries/${id}`);
}

function idFrom(body: Buffer | string): string {
  return JSON.parse(body.toString()).id;
}

describe('receiver capture fidelity', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PURGE', 'PROPFIND'])(
    'stores a %s request with its method',
    async (method) => {
      const res = await fetch(`${t.info.httpUrl}/m`, { method, body: method === 'GET' || method === 'OPTIONS' ? undefined : 'x' });
      expect(res.status).toBe(200);
      const record = await stored((await res.json()).id);
      expect(record.method).toBe(method);
    },
  );

  it('stores a custom method Node does not know, with its body', async () => {
    const res = await rawRequest(
      portOf(t.info.httpUrl),
      'FOOBAR /custom?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nX-Case: Kept\r\n\r\nhello',
    );
    expect(res.status).toBe(200);
    const record = await stored(idFrom(res.body));
    expect(record.method).toBe('FOOBAR');
    expect(record.path).toBe('/custom?x=1');
    expect(record.headers).toEqual([
      ['Host', 'a'],
      ['Content-Length', '5'],
      ['X-Case', 'Kept'],
    ]);
    expect(decodeBody(record.body).toString()).toBe('hello');
  });

  it('stores a custom method with a chunked body', async () => {
    const res = await rawRequest(
      portOf(t.info.httpUrl),
      'REPORT-X /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n',
    );
    expect(res.status).toBe(200);
    expect(decodeBody((await stored(idFrom(res.body))).body).toString()).toBe('abcde');
  });

  it('keeps header order, original case and duplicates', async () => {
    const res = await rawRequest(
      portOf(t.info.httpUrl),
      'POST /h HTTP/1.1\r\nHost: example\r\nX-Dup: one\r\nx-DUP: two\r\nX-Dup: three\r\ncontent-type: text/plain\r\nContent-Length: 2\r\n\r\nhi',
    );
    const record = await stored(idFrom(res.body));
    expect(record.headers).toEqual([
      ['Host', 'example'],
      ['X-Dup', 'one'],
      ['x-DUP', 'two'],
      ['X-Dup', 'three'],
      ['content-type', 'text/plain'],
      ['Content-Length', '2'],
    ]);
  });

  it('keeps a binary body with every byte value byte for byte', async () => {
    const bytes = Buffer.alloc(256 * 4);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256;
    const res = await fetch(`${t.info.httpUrl}/bin`, {
      method: 'POST',
      body: bytes,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    const record = await stored((await res.json()).id);
    expect(record.body.encoding).toBe('base64');
    expect(decodeBody(record.body).equals(bytes)).toBe(true);
    expect(record.size).toBe(bytes.length);
  });

  it('stores an empty body', async () => {
    const res = await fetch(`${t.info.httpUrl}/empty`, { method: 'POST' });
    const record = await stored((await res.json()).id);
    expect(record.size).toBe(0);
    expect(record.body.data).toBe('');
  });

  it('stores a 9 MiB body exactly', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) % 251;
    const res = await fetch(`${t.info.httpUrl}/big`, { method: 'POST', body: big });
    expect(res.status).toBe(200);
    const record = await stored((await res.json()).id);
    expect(decodeBody(record.body).equals(big)).toBe(true);
  });

  it('keeps the query string as sent, repeated keys and encoding included', async () => {
    const path = '/q?a=1&a=2&b=%20x&c&a=3';
    const res = await rawRequest(portOf(t.info.httpUrl), `GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`);
    expect((await stored(idFrom(res.body))).path).toBe(path);
  });

  it('stores malformed JSON as sent and flags it', async () => {
    const body = '{"event": "call.completed", broken';
    const res = await fetch(`${t.info.httpUrl}/j`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    const record = await stored((await res.json()).id);
    expect(record.json).toBe('invalid');
    expect(record.body.data).toBe(body);
  });

  it('flags valid JSON as valid and leaves non-JSON unflagged', async () => {
    const good = await fetch(`${t.info.httpUrl}/j`, { method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    expect((await stored((await good.json()).id)).json).toBe('valid');
    const text = await fetch(`${t.info.httpUrl}/t`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect((await stored((await text.json()).id)).json).toBeNull();
  });

  it('records remote address, arrival time, TLS flag and the response that was sent', async () => {
    const before = Date.now();
    const res = await fetch(`${t.info.httpUrl}/r`, { method: 'POST', body: '{}' });
    const answer = await res.json();
    const record = await stored(answer.id);
    expect(record.remote_address).toMatch(/127\.0\.0\.1/);
    expect(record.tls).toBe(false);
    expect(record.via).toBe('direct');
    expect(Date.parse(record.received_at)).toBeGreaterThanOrEqual(before - 5);
    expect(record.response.status).toBe(200);
    expect(JSON.parse(decodeBody(record.response.body).toString())).toEqual({ ok: true, id: answer.id });
    expect(answer).toEqual({ ok: true, id: expect.stringMatching(/^dlv_/) });
  });

  it('receives over HTTPS with the local CA trusted, for localhost and 127.0.0.1', async () => {
    const ca = readFileSync(t.info.caCertPath);
    for (const host of ['localhost', '127.0.0.1']) {
      const body = await new Promise<string>((resolve, reject) => {
        const req = https.request({ host, port: portOf(t.info.httpsUrl), method: 'POST', path: '/secure', ca }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString()));
        });
        req.on('error', reject);
        req.end('over tls');
      });
      const record = await stored(idFrom(body));
      expect(record.tls).toBe(true);
      expect(decodeBody(record.body).toString()).toBe('over tls');
    }
  });

  it('routes /i/<slug>/… to that inbox and everything else to the default inbox', async () => {
    const inbox = await t.apiJson('/api/inboxes', {
      method: 'POST',
      body: JSON.stringify({ name: 'Stripe tests', slug: 'stripe' }),
      headers: { 'Content-Type': 'application/json' },
    });
    const routed = await fetch(`${t.info.httpUrl}/i/stripe/webhook?x=1`, { method: 'POST', body: 'a' });
    expect((await stored((await routed.json()).id)).inbox_id).toBe(inbox.id);
    const fallback = await fetch(`${t.info.httpUrl}/webhook`, { method: 'POST', body: 'a' });
    const defaultInbox = await t.apiJson('/api/inboxes/default');
    expect((await stored((await fallback.json()).id)).inbox_id).toBe(defaultInbox.id);
  });

  it('answers 404 for an unknown inbox slug and stores nothing', async () => {
    const before = (await t.apiJson('/api/health')).deliveries;
    const res = await fetch(`${t.info.httpUrl}/i/nope/x`, { method: 'POST', body: 'a' });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('unknown_inbox');
    expect((await t.apiJson('/api/health')).deliveries).toBe(before);
  });

  it('never serves the control API on the receiver port', async () => {
    const res = await fetch(`${t.info.httpUrl}/api/deliveries`, { headers: { Authorization: `Bearer ${t.info.token}` } });
    const body = await res.json();
    expect(body).toEqual({ ok: true, id: expect.any(String) });
  });
});
