import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portOf, rawRequest } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { closedPort, startHandler, withoutConnection, type Handler } from './support/handler-server.js';

describe('forward-to', () => {
  let t: TestEngine;
  let handler: Handler;
  let port: number;

  const patchInbox = (slug: string, patch: Record<string, unknown>) =>
    t.apiJson(`/api/inboxes/${slug}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(patch) });
  const createInbox = (slug: string, extra: Record<string, unknown> = {}) =>
    t.apiJson('/api/inboxes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: slug, slug, ...extra }),
    });
  const latestOf = async (slug: string) => (await t.apiJson(`/api/deliveries?inbox=${slug}&limit=1`)).items[0];

  beforeAll(async () => {
    t = await startTestEngine();
    port = portOf(t.info.httpUrl);
    handler = await startHandler(async (seen) => {
      if (seen.url.includes('committed-first')) {
        // The handler is called only after the delivery is on disk: it is already listed, answer pending.
        const listed = await latestOf('early');
        return { status: 200, headers: [['Content-Type', 'application/json']], body: JSON.stringify(listed) };
      }
      return {
        status: 201,
        headers: [
          ['X-Handler', 'yes'],
          ['Content-Type', 'text/plain'],
        ],
        body: `handled ${seen.method} ${seen.url}`,
      };
    });
  });
  afterAll(async () => {
    await handler.close();
    await t.stop();
  });

  it('forwards the exact method, path suffix, query, headers and bytes, and the sender gets the handler answer', async () => {
    await createInbox('stripe', { forward_to: `${handler.url}/webhooks` });
    const body = Buffer.from([0x7b, 0x00, 0xff, 0x10, 0x22, 0x7d, 0x0a]);
    const head = [
      'POST /i/stripe/events/42?b=2&a=1&a=3 HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'content-type: application/octet-stream',
      'X-Dup: one',
      'x-dup: two',
      'Connection: keep-alive, X-Hop',
      'Keep-Alive: timeout=5',
      'X-Hop: dropped because Connection names it',
      'Proxy-Authorization: secret',
      'X-InboundFlow-Event: call.completed',
      `Content-Length: ${body.byteLength}`,
    ].join('\r\n');
    const answer = await rawRequest(port, Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]));

    expect(answer.status).toBe(201);
    expect(answer.head).toMatch(/\r\nX-Handler: yes\r\n/);
    expect(answer.body.toString()).toBe('handled POST /webhooks/events/42?b=2&a=1&a=3');
    const seen = handler.requests.at(-1)!;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/webhooks/events/42?b=2&a=1&a=3');
    expect(seen.body.equals(body)).toBe(true);
    expect(withoutConnection(seen.headers)).toEqual([
      ['Host', `127.0.0.1:${handler.port}`],
      ['content-type', 'application/octet-stream'],
      ['X-Dup', 'one'],
      ['x-dup', 'two'],
      ['X-InboundFlow-Event', 'call.completed'],
      ['Content-Length', String(body.byteLength)],
    ]);

    const stored = await t.apiJson(`/api/deliveries/${(await latestOf('stripe')).id}`);
    expect(stored.response.status).toBe(201);
    expect(stored.response.body.data).toBe('handled POST /webhooks/events/42?b=2&a=1&a=3');
    expect(stored.answer).toMatchObject({ source: 'forward', outcome: 'sent', target: `${handler.url}/webhooks/events/42?b=2&a=1&a=3` });
    expect(stored.answer.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('forwards a chunked body with a Content-Length and any method, and the default inbox keeps the whole path', async () => {
    await patchInbox('default', { forward_to: `${handler.url}/` });
    const chunked = await rawRequest(
      port,
      `PUT /any/where HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n`,
    );
    expect(chunked.status).toBe(201);
    const seen = handler.requests.at(-1)!;
    expect(seen.url).toBe('/any/where');
    expect(seen.body.toString()).toBe('abcde');
    expect(withoutConnection(seen.headers)).toEqual([
      ['Host', `127.0.0.1:${handler.port}`],
      ['Content-Length', '5'],
    ]);

    await patchInbox('default', { forward_to: null });
  });

  it('forwards a method only its own parser knows, byte for byte on the wire', async () => {
    // Node's HTTP server refuses FOOBAR, so this handler reads the raw bytes itself.
    const wire: Buffer[] = [];
    const raw = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        wire.push(chunk);
        if (Buffer.concat(wire).includes('\r\n\r\nhi')) socket.end('HTTP/1.1 299 Custom\r\nContent-Length: 4\r\nX-Raw: 1\r\n\r\ndone');
      });
    });
    raw.listen(0, '127.0.0.1');
    await once(raw, 'listening');
    const rawPort = (raw.address() as AddressInfo).port;
    try {
      await createInbox('custom', { forward_to: `http://127.0.0.1:${rawPort}` });
      const custom = await rawRequest(port, `FOOBAR /i/custom/x?y HTTP/1.1\r\nHost: x\r\nX-Case: Kept\r\nContent-Length: 2\r\n\r\nhi`);
      expect(custom.status).toBe(299);
      expect(custom.head).toMatch(/\r\nX-Raw: 1/);
      expect(custom.body.toString()).toBe('done');
      expect(Buffer.concat(wire).toString('latin1')).toBe(
        `FOOBAR /x?y HTTP/1.1\r\nHost: 127.0.0.1:${rawPort}\r\nX-Case: Kept\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nhi`,
      );
    } finally {
      raw.close();
    }
  });

  it('commits the delivery before forwarding it', async () => {
    await createInbox('early', { forward_to: `${handler.url}/committed-first` });
    const res = await fetch(`${t.info.httpUrl}/i/early/`, { method: 'POST', body: 'x' });
    const listed = await res.json();
    expect(listed.path).toBe('/i/early/');
    expect(listed.response_status).toBeNull();
  });

  it('answers 502 forward_failed with the reason when the handler is down, and stores the delivery with that outcome', async () => {
    const down = await closedPort();
    await createInbox('down', { forward_to: `http://127.0.0.1:${down}/hook` });
    const res = await fetch(`${t.info.httpUrl}/i/down/`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(502);
    const answer = await res.json();
    expect(answer.error).toBe('forward_failed');
    expect(answer.message).toMatch(new RegExp(`Nothing is listening at 127\\.0\\.0\\.1:${down} \\(ECONNREFUSED\\)`));

    const stored = await t.apiJson(`/api/deliveries/${(await latestOf('down')).id}`);
    expect(stored.body.data).toBe('{"a":1}');
    expect(stored.response.status).toBe(502);
    expect(stored.answer).toMatchObject({ source: 'forward', outcome: 'failed', error: { code: 'refused' } });
  });

  it('answers 504 when the handler is slower than forward_timeout_ms, and stores the delivery', async () => {
    const slow = await startHandler(() => 'hang');
    try {
      await createInbox('slow', { forward_to: slow.url, forward_timeout_ms: 300 });
      const res = await fetch(`${t.info.httpUrl}/i/slow/`, { method: 'POST', body: 'late' });
      expect(res.status).toBe(504);
      expect((await res.json()).error).toBe('forward_timeout');
      expect(slow.requests).toHaveLength(1);
      const stored = await t.apiJson(`/api/deliveries/${(await latestOf('slow')).id}`);
      expect(stored.response.status).toBe(504);
      expect(stored.answer).toMatchObject({ source: 'forward', outcome: 'timeout' });
      expect(stored.answer.duration_ms).toBeGreaterThanOrEqual(290);
    } finally {
      await slow.close();
    }
  });

  it("refuses to forward to Hookbench's own receiver instead of looping", async () => {
    await createInbox('loop', { forward_to: `http://localhost:${port}/i/loop/` });
    const res = await fetch(`${t.info.httpUrl}/i/loop/`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(502);
    expect((await res.json()).message).toMatch(/own receiver/);
    expect((await t.apiJson('/api/deliveries?inbox=loop')).items).toHaveLength(1);
  });

  it('validates forward_to and forward_timeout_ms, and shows them on the inbox', async () => {
    const bad = await t.api('/api/inboxes/default', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ forward_to: 'ftp://x' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/forward_to must be an http:\/\/ or https:\/\/ URL/);
    const inbox = await t.apiJson('/api/inboxes/default');
    expect(inbox).toMatchObject({ forward_to: null, forward_timeout_ms: 9000, response: null, failure: null });
  });
});
