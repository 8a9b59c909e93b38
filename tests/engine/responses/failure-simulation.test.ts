import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

type Outcome =
  | { kind: 'response'; status: number; headers: http.IncomingHttpHeaders; body: string; chunks: number }
  | { kind: 'error'; code: string; message: string };

/** One POST from a plain Node client, as a sender would make it; `timeoutMs` is the sender giving up. */
function send(url: string, body = '{"hello":"world"}', timeoutMs?: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, agent: false }, (res) => {
      let text = '';
      let chunks = 0;
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => {
        chunks += 1;
        text += chunk;
      });
      res.on('end', () => resolve({ kind: 'response', status: res.statusCode!, headers: res.headers, body: text, chunks }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code ?? 'unknown', message: error.message }));
    });
    if (timeoutMs !== undefined)
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('sender gave up'), { code: 'SENDER_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', code: error.code ?? 'unknown', message: error.message }));
    req.end(body);
  });
}

describe('scripted responses and failure simulation, seen from a real client', () => {
  let t: TestEngine;
  let n = 0;

  /** A fresh inbox with these settings; returns its receiver URL. */
  const inbox = async (settings: Record<string, unknown>) => {
    const slug = `sim-${++n}`;
    await t.apiJson('/api/inboxes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: slug, slug, ...settings }),
    });
    return { slug, url: `${t.info.httpUrl}/i/${slug}/` };
  };
  const stored = async (slug: string) => {
    const { items } = await t.apiJson(`/api/deliveries?inbox=${slug}`);
    return Promise.all(items.reverse().map((item: { id: string }) => t.apiJson(`/api/deliveries/${item.id}`)));
  };

  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers the scripted status, headers and body after its delay', async () => {
    const { slug, url } = await inbox({
      response: {
        status: 202,
        headers: [
          ['X-Scripted', 'yes'],
          ['Content-Type', 'text/plain'],
          ['Content-Length', '999'],
        ],
        body: 'queued',
        delay_ms: 50,
      },
    });
    const answer = await send(url);
    expect(answer).toMatchObject({ kind: 'response', status: 202, body: 'queued' });
    expect((answer as { headers: http.IncomingHttpHeaders }).headers).toMatchObject({ 'x-scripted': 'yes', 'content-length': '6' });
    const [record] = await stored(slug);
    expect(record.response).toMatchObject({ status: 202, body: { data: 'queued' } });
    expect(record.answer).toEqual({ source: 'scripted', outcome: 'sent', delay_ms: 50 });
  });

  it('answers any status code, and stores the delivery', async () => {
    const { slug, url } = await inbox({ failure: { mode: 'always', kind: { type: 'status', status: 503 } } });
    const answer = await send(url);
    expect(answer).toMatchObject({ kind: 'response', status: 503 });
    expect(JSON.parse((answer as { body: string }).body).error).toBe('simulated_failure');
    const [record] = await stored(slug);
    expect(record.body.data).toBe('{"hello":"world"}');
    expect(record.response.status).toBe(503);
    expect(record.answer).toEqual({ source: 'failure', outcome: 'sent', failure: { type: 'status', status: 503 } });
  });

  it('hangs until the sender gives up, with the delivery already stored', async () => {
    const { slug, url } = await inbox({ failure: { mode: 'next', kind: { type: 'hang' } } });
    expect(await send(url, 'first', 300)).toMatchObject({ kind: 'error', code: 'SENDER_TIMEOUT' });
    const [record] = await stored(slug);
    expect(record.body.data).toBe('first');
    expect(record.response.status).toBe(0);
    expect(record.answer).toMatchObject({ source: 'failure', outcome: 'hang' });
    // `next` with the default count of 1: the following request gets the usual answer.
    expect(await send(url, 'second', 5000)).toMatchObject({ kind: 'response', status: 200 });
  });

  it('hangs for the given time, then closes the connection without an answer', async () => {
    const { url } = await inbox({ failure: { mode: 'always', kind: { type: 'hang', ms: 150 } } });
    expect(await send(url)).toMatchObject({ kind: 'error', code: 'ECONNRESET', message: 'socket hang up' });
  });

  it('resets the connection: the sender sees ECONNRESET, and the delivery was stored first', async () => {
    const { slug, url } = await inbox({ failure: { mode: 'always', kind: { type: 'reset' } } });
    const answer = await send(url, 'reset me');
    expect(answer).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
    expect((answer as { message: string }).message).not.toBe('socket hang up');
    const [record] = await stored(slug);
    expect(record.body.data).toBe('reset me');
    expect(record.response).toMatchObject({ status: 0, headers: [] });
    expect(record.answer).toMatchObject({ source: 'failure', outcome: 'reset' });
    const unanswered = await t.apiJson(`/api/deliveries?inbox=${slug}&status=none`);
    expect(unanswered.items.map((d: { id: string }) => d.id)).toEqual([record.id]);
  });

  it('trickles the usual answer slowly: the head at once, the body in many small pieces', async () => {
    const body = 'abcdefghijklmnopqrst';
    const { slug, url } = await inbox({
      response: { status: 200, body },
      failure: { mode: 'always', kind: { type: 'trickle', bytes_per_second: 20 } },
    });
    const answer = await send(url);
    expect(answer).toMatchObject({ kind: 'response', status: 200, body });
    expect((answer as { headers: http.IncomingHttpHeaders }).headers['content-length']).toBe('20');
    expect((answer as { chunks: number }).chunks).toBeGreaterThanOrEqual(5);
    const [record] = await stored(slug);
    expect(record.answer).toMatchObject({ source: 'failure', outcome: 'trickle' });
    expect(record.response.body.data).toBe(body);
  });

  it('plays a sequence once and then answers as usual, or repeats it', async () => {
    const observe = async (url: string, count: number) => {
      const seen: string[] = [];
      for (let i = 0; i < count; i++) {
        const answer = await send(url, 'x', 400);
        seen.push(answer.kind === 'response' ? String(answer.status) : answer.code);
      }
      return seen;
    };
    const once = await inbox({ failure: { mode: 'sequence', sequence: ['500', 'reset', 'timeout', '200'] } });
    expect(await observe(once.url, 5)).toEqual(['500', 'ECONNRESET', 'SENDER_TIMEOUT', '200', '200']);
    const repeat = await inbox({ failure: { mode: 'sequence', sequence: ['429', 'default'], repeat: true } });
    expect(await observe(repeat.url, 5)).toEqual(['429', '200', '429', '200', '429']);
  });

  it('tells what the next response will be, and saving the inbox restarts the rule', async () => {
    const { slug, url } = await inbox({ failure: { mode: 'sequence', sequence: ['503', 'default'] } });
    const next = () => t.apiJson(`/api/inboxes/${slug}/next-response`);
    expect(await next()).toMatchObject({
      will: 'fail',
      failure: { type: 'status', status: 503 },
      usual: { type: 'default' },
      rule: { mode: 'sequence', served: 0, step: 0 },
    });
    await send(url);
    expect(await next()).toMatchObject({ will: 'usual', rule: { served: 1, step: 1, remaining: 1 } });
    expect((await next()).description).toBe('The next request is answered 200 {"ok":true,"id":…}.');
    await t.apiJson(`/api/inboxes/${slug}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ forward_to: 'http://localhost:1/x' }),
    });
    const restarted = await next();
    expect(restarted).toMatchObject({
      will: 'fail',
      usual: { type: 'forward', target: 'http://localhost:1/x', timeout_ms: 9000 },
      rule: { served: 0 },
    });
    expect(restarted.description).toBe('The next request gets a simulated failure: answer 503.');
  });

  it('refuses a bad scripted response or rule with the field named', async () => {
    const res = await t.api('/api/inboxes/default', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response: { status: 200, headers: [['Bad Header', 'x']] } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/^response\.headers\.0\.0: header names are tokens/);
  });
});
