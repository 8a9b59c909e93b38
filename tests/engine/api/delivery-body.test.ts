import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../shared/api/body-codec.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { closedPort, startHandler, type Handler } from '../forward/support/handler-server.js';

let t: TestEngine;
let handler: Handler;
/** Every byte value, then a sequence that is not UTF-8: the body must come back exactly, not as text. */
const BINARY = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from([0xc3, 0x28, 0xff, 0x00])]);
const ANSWER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x0d, 0x0a]);

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

async function receive(path: string, body: Buffer | string, contentType = 'application/octet-stream'): Promise<string> {
  const res = await fetch(t.info.httpUrl + path, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body),
    headers: { 'Content-Type': contentType },
  });
  return (await res.json()).id as string;
}

/** Posts to the inbox that answers in binary (so no id in the answer) and finds the delivery it stored. */
async function receiveAnswered(path: string, body: string): Promise<string> {
  const res = await fetch(t.info.httpUrl + `/i/binary-answer${path}`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' } });
  await res.arrayBuffer();
  const list = await t.apiJson('/api/deliveries?inbox=binary-answer&limit=1');
  return list.items[0].id as string;
}

async function bytesOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

beforeAll(async () => {
  t = await startTestEngine();
  handler = await startHandler(() => ({
    status: 201,
    headers: [['Content-Type', 'application/json']],
    body: JSON.stringify({ stored: 'x'.repeat(300) }),
  }));
  // An inbox that answers with binary bytes, so the stored response body is not text either.
  await t.apiJson('/api/inboxes', jsonInit('POST', { name: 'Binary answer', slug: 'binary-answer' }));
  await t.apiJson(
    '/api/inboxes/binary-answer',
    jsonInit('PATCH', { response: { status: 202, body: ANSWER.toString('base64'), body_encoding: 'base64' } }),
  );
});
afterAll(async () => {
  await handler.close();
  await t.stop();
});

describe('GET /api/deliveries/:id/body', () => {
  it('answers the exact stored request bytes as a non-sniffable octet stream with its length', async () => {
    const id = await receive('/raw', BINARY);
    const res = await t.api(`/api/deliveries/${id}/body`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-length')).toBe(String(BINARY.byteLength));
    expect(res.headers.get('content-disposition')).toBeNull();
    expect((await bytesOf(res)).equals(BINARY)).toBe(true);
  });

  it('offers a download with a file name only when asked', async () => {
    const id = await receive('/named', '{"a":1}', 'application/json');
    const res = await t.api(`/api/deliveries/${id}/body?part=request&download=1`);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${id}-request.json"`);
    expect((await bytesOf(res)).toString()).toBe('{"a":1}');
  });

  it('answers an empty body with zero bytes', async () => {
    const res = await fetch(`${t.info.httpUrl}/empty`, { method: 'POST' });
    const { id } = await res.json();
    const body = await t.api(`/api/deliveries/${id}/body`);
    expect(body.status).toBe(200);
    expect(body.headers.get('content-length')).toBe('0');
    expect((await bytesOf(body)).byteLength).toBe(0);
  });

  it('answers part=response with the stored answer of an incoming delivery, byte for byte', async () => {
    const id = await receiveAnswered('/x', 'ping');
    const res = await t.api(`/api/deliveries/${id}/body?part=response`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(ANSWER.byteLength));
    expect((await bytesOf(res)).equals(ANSWER)).toBe(true);
    const record = await t.apiJson(`/api/deliveries/${id}`);
    expect(record.response.status).toBe(202);
    expect(decodeBody(record.response.body).equals(ANSWER)).toBe(true);
  });

  it("answers part=response of an outgoing delivery with the body its record shows: the latest attempt's", async () => {
    const source = await receive('/to-replay', 'again', 'text/plain');
    const replay = await t.apiJson(`/api/deliveries/${source}/replay`, jsonInit('POST', { target: `${handler.url}/hook` }));
    const record = await t.apiJson(`/api/deliveries/${replay.id}`);
    const res = await t.api(`/api/deliveries/${replay.id}/body?part=response`);
    expect(res.status).toBe(200);
    expect((await bytesOf(res)).equals(decodeBody(record.response.body))).toBe(true);
    expect((await bytesOf(await t.api(`/api/deliveries/${replay.id}/body`))).toString()).toBe('again');
  });

  it('404s an unknown delivery, and a response that was never recorded, saying which', async () => {
    const missing = await t.api('/api/deliveries/dlv_nope/body');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await missing.json()).error).toBe('not_found');

    const source = await receive('/to-nowhere', 'x', 'text/plain');
    const down = await closedPort();
    const replay = await t.apiJson(`/api/deliveries/${source}/replay`, jsonInit('POST', { target: `http://127.0.0.1:${down}/` }));
    const noAnswer = await t.api(`/api/deliveries/${replay.id}/body?part=response`);
    expect(noAnswer.status).toBe(404);
    expect((await noAnswer.json()).error).toBe('no_response');
  });

  it('rejects an unknown part or parameter with 400', async () => {
    const id = await receive('/params', 'x', 'text/plain');
    const part = await t.api(`/api/deliveries/${id}/body?part=headers`);
    expect(part.status).toBe(400);
    expect((await part.json()).message).toMatch(/^part:/);
    expect((await t.api(`/api/deliveries/${id}/body?colour=red`)).status).toBe(400);
  });
});

describe('GET /api/deliveries/:id?inline_limit=N', () => {
  it('keeps every body inline without inline_limit, as before', async () => {
    const id = await receive('/whole', BINARY);
    const record = await t.apiJson(`/api/deliveries/${id}`);
    expect(record.body.encoding).toBe('base64');
    expect(decodeBody(record.body).equals(BINARY)).toBe(true);
  });

  it('defers a body larger than the limit, with no data and the URL of its bytes', async () => {
    const id = await receive('/deferred', BINARY);
    const record = await t.apiJson(`/api/deliveries/${id}?inline_limit=${BINARY.byteLength - 1}`);
    expect(record.body).toEqual({ encoding: 'deferred', size: BINARY.byteLength, href: `/api/deliveries/${id}/body?part=request` });
    expect(record.body).not.toHaveProperty('data');
    expect(record.size).toBe(BINARY.byteLength);
    const bytes = await bytesOf(await t.api(record.body.href));
    expect(bytes.equals(BINARY)).toBe(true);
  });

  it('keeps a body exactly at the limit inline', async () => {
    const id = await receive('/at-limit', BINARY);
    const record = await t.apiJson(`/api/deliveries/${id}?inline_limit=${BINARY.byteLength}`);
    expect(record.body.encoding).toBe('base64');
    expect(decodeBody(record.body).equals(BINARY)).toBe(true);
  });

  it('defers the response body on its own size, and keeps an empty body inline even at 0', async () => {
    const id = await receiveAnswered('/small', '');
    const record = await t.apiJson(`/api/deliveries/${id}?inline_limit=0`);
    expect(record.body).toEqual({ encoding: 'utf8', data: '', size: 0 });
    expect(record.response.status).toBe(202);
    expect(record.response.body).toEqual({
      encoding: 'deferred',
      size: ANSWER.byteLength,
      href: `/api/deliveries/${id}/body?part=response`,
    });
    const inline = await t.apiJson(`/api/deliveries/${id}?inline_limit=${ANSWER.byteLength}`);
    expect(decodeBody(inline.response.body).equals(ANSWER)).toBe(true);
  });

  it("defers an outgoing delivery's response past the limit, while its attempts keep their (capped) bodies inline", async () => {
    const source = await receive('/out-source', 'y'.repeat(100), 'text/plain');
    const replay = await t.apiJson(`/api/deliveries/${source}/replay`, jsonInit('POST', { target: `${handler.url}/hook` }));
    const record = await t.apiJson(`/api/deliveries/${replay.id}?inline_limit=50`);
    expect(record.body).toMatchObject({ encoding: 'deferred', size: 100 });
    expect(record.response.status).toBe(201);
    expect(record.response.body).toMatchObject({ encoding: 'deferred', href: `/api/deliveries/${replay.id}/body?part=response` });
    expect(record.attempts[0].response.body.encoding).toBe('utf8');
    const bytes = await bytesOf(await t.api(record.response.body.href));
    expect(bytes.toString()).toBe(record.attempts[0].response.body.data);
  });

  it.each(['-1', 'abc', '', '1.5', '1e3', '9999999999999999'])('rejects inline_limit=%s with 400 naming the field', async (value) => {
    const id = await receive('/bad-limit', 'x', 'text/plain');
    const res = await t.api(`/api/deliveries/${id}?inline_limit=${value}`);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/^inline_limit:/);
  });

  it('documents the body route as octet-stream and inline_limit in the OpenAPI document', async () => {
    const doc = await (await fetch(`${t.info.apiUrl}/openapi.json`)).json();
    const body = doc.paths['/api/deliveries/{id}/body'].get;
    expect(Object.keys(body.responses['200'].content)).toEqual(['application/octet-stream']);
    expect(body.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'part', 'download']);
    const record = doc.paths['/api/deliveries/{id}'].get;
    expect(record.parameters.map((p: { name: string }) => p.name)).toContain('inline_limit');
    expect(JSON.stringify(record.responses['200'].content['application/json'].schema)).toContain('deferred');
  });
});
