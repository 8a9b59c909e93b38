import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portOf, rawRequest } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { startHandler, type Handler } from '../forward/support/handler-server.js';
import { Har12 } from './har-schema.js';

const run = promisify(execFile);

describe('export', () => {
  let t: TestEngine;
  let handler: Handler;
  let port: number;
  const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a, 0xff, 0x27]);
  const json = (body: unknown, method = 'POST') => ({
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const latest = async (slug: string) =>
    t.apiJson(`/api/deliveries/${(await t.apiJson(`/api/deliveries?inbox=${slug}&direction=in&limit=1`)).items[0].id}`);
  const send = (head: string[], body: Buffer = Buffer.alloc(0)) =>
    rawRequest(port, Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));

  beforeAll(async () => {
    t = await startTestEngine();
    port = portOf(t.info.httpUrl);
    handler = await startHandler(() => ({
      status: 202,
      headers: [
        ['Content-Type', 'application/octet-stream'],
        ['Set-Cookie', 'seen=1; Path=/'],
      ],
      body: BINARY,
    }));
    for (const [slug, extra] of [
      ['har', {}],
      ['fwd', { forward_to: handler.url }],
      ['broken', { failure: { mode: 'always', kind: { type: 'reset' } } }],
      ['curl', {}],
    ] as const) {
      await t.apiJson('/api/inboxes', json({ name: slug, slug, ...extra }));
    }
    await send(
      [
        `POST /i/har/text?a=1&b=%20x HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        'Cookie: c1=v1; c2=v2',
        'Content-Length: 13',
      ],
      Buffer.from('{"héllo":"w"}'.replace('é', 'e')),
    );
    await send(
      [`PUT /i/har/bin HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Content-Type: image/png', `Content-Length: ${BINARY.byteLength}`],
      BINARY,
    );
    await send([`GET /i/har/empty HTTP/1.1`, `Host: 127.0.0.1:${port}`]);
    await fetch(`${t.info.httpUrl}/i/fwd/x`, { method: 'POST', body: 'forward me' }).then((res) => res.arrayBuffer());
    await fetch(`${t.info.httpUrl}/i/broken/`, { method: 'POST', body: 'reset me' }).catch(() => null);
    const { id } = (await t.apiJson('/api/deliveries?inbox=har&limit=1')).items[0];
    await t.apiJson(`/api/deliveries/${id}/replay`, json({ target: handler.url }));
  });
  afterAll(async () => {
    await handler.close();
    await t.stop();
  });

  it('streams every delivery as HAR 1.2 in arrival order, with exact bodies: text as text, binary as base64', async () => {
    const res = await t.api('/api/export?format=har');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="hookbench-.+\.har"$/);
    const har = Har12.parse(await res.json());
    const entries = har.log.entries;
    expect(entries).toHaveLength(6);
    expect(entries.map((e) => e.startedDateTime)).toEqual([...entries.map((e) => e.startedDateTime)].sort());
    for (const entry of entries) expect(entry.time).toBe(entry.timings.send + entry.timings.wait + entry.timings.receive);

    // The schema is not a rubber stamp: a missing required field or a foreign field fails it.
    const { timings: _dropped, ...withoutTimings } = entries[0];
    expect(Har12.safeParse({ log: { ...har.log, entries: [withoutTimings] } }).success).toBe(false);
    expect(Har12.safeParse({ log: { ...har.log, entries: [{ ...entries[0], extra: 1 }] } }).success).toBe(false);

    const [text, binary, empty, forwarded, reset, replay] = entries;
    expect(text.request).toMatchObject({
      method: 'POST',
      url: `http://127.0.0.1:${port}/i/har/text?a=1&b=%20x`,
      queryString: [
        { name: 'a', value: '1' },
        { name: 'b', value: ' x' },
      ],
      cookies: [
        { name: 'c1', value: 'v1' },
        { name: 'c2', value: 'v2' },
      ],
      postData: { mimeType: 'application/json', text: '{"hello":"w"}' },
      bodySize: 13,
    });
    expect(text.request.postData!.encoding).toBeUndefined();
    expect(binary.request.postData).toMatchObject({ mimeType: 'image/png', encoding: 'base64' });
    expect(Buffer.from(binary.request.postData!.text!, 'base64').equals(BINARY)).toBe(true);
    expect(empty.request.postData).toBeUndefined();
    expect(text.response).toMatchObject({ status: 200, statusText: 'OK', content: { mimeType: 'application/json' } });

    expect(forwarded.response).toMatchObject({
      status: 202,
      statusText: 'Accepted',
      cookies: [{ name: 'seen', value: '1' }],
      content: { size: BINARY.byteLength, encoding: 'base64' },
    });
    expect(Buffer.from(forwarded.response.content.text!, 'base64').equals(BINARY)).toBe(true);
    expect(forwarded._hookbench).toMatchObject({ answer: { source: 'forward', outcome: 'sent' } });
    expect(reset.response).toMatchObject({ status: 0, statusText: '' });
    expect(reset._hookbench).toMatchObject({ answer: { outcome: 'reset' } });
    expect(replay.request.url).toBe(`${handler.url}/empty`);
    expect(replay._hookbench).toMatchObject({ direction: 'out', replay_of: (empty._hookbench as { id: string }).id });
  });

  it('exports one delivery as HAR or its JSON record', async () => {
    const record = await latest('har');
    const har = Har12.parse(await t.apiJson(`/api/deliveries/${record.id}/export?format=har`));
    expect(har.log.entries).toHaveLength(1);
    expect(await t.apiJson(`/api/deliveries/${record.id}/export?format=json`)).toEqual(record);
    expect((await t.api('/api/deliveries/dlv_nope/export?format=har')).status).toBe(404);
    expect((await t.api(`/api/deliveries/${record.id}/export?format=zip`)).status).toBe(400);
  });

  it('streams NDJSON and JSON with the list filters', async () => {
    const ndjson = await t.api('/api/export?format=ndjson&inbox=har');
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await ndjson.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((r) => [r.direction, r.path])).toEqual([
      ['in', '/i/har/text?a=1&b=%20x'],
      ['in', '/i/har/bin'],
      ['in', '/i/har/empty'],
      ['out', '/empty'],
    ]);
    expect(lines[1].body.encoding).toBe('base64');
    const array = await t.apiJson('/api/export?format=json&inbox=har&direction=in&q=bin');
    expect(array.map((r: { path: string }) => r.path)).toEqual(['/i/har/bin']);
    expect(await t.apiJson('/api/export?format=json&inbox=curl')).toEqual([]);
    expect((await t.api('/api/export?format=har&inbox=nope')).status).toBe(404);
  });

  it('a cURL export, run with sh, recreates the delivery byte for byte', async () => {
    const cases: [string[], Buffer][] = [
      [
        [
          `POST /i/curl/text?x=1&y=%27q%27 HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Content-Type: application/json',
          "X-Quote: it's $HOME `x`",
          'x-dup: 1',
          'X-Dup: 2',
          'X-Empty: ',
          'Content-Length: 29',
        ],
        Buffer.from(`{"line":"a\\nb","percent":"%"}`),
      ],
      [
        [
          `PUT /i/curl/bin HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Content-Type: application/octet-stream',
          `Content-Length: ${BINARY.byteLength}`,
        ],
        BINARY,
      ],
      [
        [`POST /i/curl/chunked HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'User-Agent: InboundFlow-Webhook/1.0', 'Transfer-Encoding: chunked'],
        Buffer.from('5\r\nhello\r\n0\r\n\r\n'),
      ],
      [[`DELETE /i/curl/none HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Accept: */*']],
    ].map(([head, body]) => [head as string[], (body as Buffer | undefined) ?? Buffer.alloc(0)]);
    for (const [head, body] of cases) {
      await send(head, body);
      const original = await latest('curl');
      const script = await (await t.api(`/api/deliveries/${original.id}/export?format=curl`)).text();
      await run('sh', ['-c', script]);
      const again = await latest('curl');
      expect(again.id).not.toBe(original.id);
      expect({ method: again.method, path: again.path, headers: again.headers, body: again.body }).toEqual({
        method: original.method,
        path: original.path,
        headers: original.headers,
        body: original.body,
      });
    }
  });
});
