import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

const LIMIT = 1024;
let t: TestEngine;
let ca: string;
beforeAll(async () => {
  t = await startTestEngine({ maxBody: LIMIT });
  ca = readFileSync(t.info.caCertPath, 'utf8');
});
afterAll(() => t.stop());

const count = async () => (await t.apiJson('/api/health')).deliveries as number;

/** A POST that announces its body with `Expect: 100-continue` and sends nothing until told to. */
function announce(url: string, headers: Record<string, string>): http.ClientRequest {
  const target = new URL(url);
  const options = {
    host: target.hostname,
    port: target.port,
    method: 'POST',
    path: target.pathname,
    headers: { Expect: '100-continue', ...headers },
  };
  const req = target.protocol === 'https:' ? https.request({ ...options, ca }) : http.request(options);
  req.on('error', () => {}); // The receiver may close once it has answered; the answer is what is checked.
  req.flushHeaders();
  return req;
}

/** What the receiver says first: go ahead (100 Continue) or a final answer. */
function firstWord(req: http.ClientRequest): Promise<{ kind: 'continue' } | { kind: 'response'; res: http.IncomingMessage }> {
  return new Promise((resolve) => {
    req.once('continue', () => resolve({ kind: 'continue' }));
    req.once('response', (res) => resolve({ kind: 'response', res }));
  });
}

function bodyOf(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

describe.each(['http', 'https'] as const)('Expect: 100-continue over %s', (scheme) => {
  const url = (path: string) => `${scheme === 'http' ? t.info.httpUrl : t.info.httpsUrl}${path}`;

  it('answers 413 at once to a declared body over the limit, without inviting the body first', async () => {
    const before = await count();
    const req = announce(url('/too-big'), { 'Content-Length': String(20 * 1024 * 1024) });
    const first = await firstWord(req);
    req.destroy();
    expect(first.kind).toBe('response');
    if (first.kind !== 'response') return;
    expect(first.res.statusCode).toBe(413);
    expect(JSON.parse(await bodyOf(first.res))).toMatchObject({ error: 'body_too_large', limit: LIMIT });
    expect(await count()).toBe(before);
  });

  it('invites a body within the limit with 100 Continue and stores it', async () => {
    const req = announce(url('/fits'), { 'Content-Length': '5', 'Content-Type': 'text/plain' });
    expect((await firstWord(req)).kind).toBe('continue');
    const answered = firstWord(req);
    req.end('hello');
    const final = await answered;
    expect(final.kind === 'response' && final.res.statusCode).toBe(200);
    const { id } = JSON.parse(await bodyOf((final as { res: http.IncomingMessage }).res));
    expect((await t.apiJson(`/api/deliveries/${id}`)).body.data).toBe('hello');
  });

  it('invites a chunked body (no Content-Length) with 100 Continue and stores it', async () => {
    const req = announce(url('/chunked'), { 'Transfer-Encoding': 'chunked' });
    expect((await firstWord(req)).kind).toBe('continue');
    const answered = firstWord(req);
    req.write('one,');
    req.end('two');
    const final = await answered;
    expect(final.kind === 'response' && final.res.statusCode).toBe(200);
    const { id } = JSON.parse(await bodyOf((final as { res: http.IncomingMessage }).res));
    expect((await t.apiJson(`/api/deliveries/${id}`)).body.data).toBe('one,two');
  });
});
