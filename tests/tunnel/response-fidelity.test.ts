import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import type { TestEngine } from '../support/test-engine.js';
import { startHandler, type Answer } from '../engine/forward/support/handler-server.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { send, type SentResponse } from './support/senders.js';
import { startTunnelEngine } from './support/tunnel-engine.js';

const EVERY_BYTE = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

/** Answers a handler gives, each with headers in a set order, odd case and duplicates (two Set-Cookie). */
const ANSWERS: Record<string, Answer & { headers: [string, string][]; body: Buffer }> = {
  created: {
    status: 201,
    headers: [
      ['X-First', '1'],
      ['set-cookie', 'a=1; Path=/'],
      ['Content-Type', 'application/octet-stream'],
      ['X-MiXeD-CaSe', 'Value With  Spaces'],
      ['Set-Cookie', 'b=2; HttpOnly; SameSite=Strict'],
      ['x-dup', 'one'],
      ['X-Dup', 'two'],
      ['x-dup', 'three'],
      ['X-Last', 'z'],
    ],
    body: Buffer.concat([EVERY_BYTE, randomBytes(70_000), EVERY_BYTE]),
  },
  empty: {
    status: 404,
    headers: [
      ['x-reason', 'gone'],
      ['X-Reason', 'really'],
    ],
    body: Buffer.alloc(0),
  },
  failed: {
    status: 503,
    headers: [
      ['Retry-After', '7'],
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['WWW-Authenticate', 'Basic realm="a"'],
      ['www-authenticate', 'Bearer'],
    ],
    body: Buffer.from('not now \u00e9\u{1F600}'),
  },
};

/** The headers the answer set itself: framing and connection headers belong to each hop. */
function ownHeaders(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!/^(date|connection|keep-alive|content-length|transfer-encoding)$/i.test(raw[i])) pairs.push([raw[i], raw[i + 1]]);
  }
  return pairs;
}

function expectSameAnswer(got: SentResponse, answer: (typeof ANSWERS)[string], where: string): void {
  expect(got.status, where).toBe(answer.status);
  expect(ownHeaders(got.headers), where).toEqual(answer.headers);
  expect(got.body.equals(answer.body), `${where}: body bytes`).toBe(true);
}

describe("the handler's answer through the relay (status, header order, case, duplicates, body bytes)", () => {
  let relay: Relay;
  let engine: TestEngine;
  let tunnelUrl: string;
  let handler: Awaited<ReturnType<typeof startHandler>>;

  beforeAll(async () => {
    handler = await startHandler((seen) => ANSWERS[seen.url.split('/').pop()!] ?? { status: 500, body: 'unknown' });
    relay = await startTestRelay();
    ({ engine, url: tunnelUrl } = await startTunnelEngine(relay, TOKEN_A));
  });
  afterAll(async () => {
    await engine?.stop();
    await relay?.close();
    await handler?.close();
  });

  it('reaches the sender unchanged from a forward-to handler, as it does directly', async () => {
    await engine.apiJson('/api/inboxes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Forwarded', slug: 'fwd', forward_to: `${handler.url}/hook` }),
    });
    for (const [name, answer] of Object.entries(ANSWERS)) {
      const direct = await send(`${engine.info.httpUrl}/i/fwd/${name}`, { body: Buffer.from(name) });
      expectSameAnswer(direct, answer, `direct ${name}`);
      const tunneled = await send(`${tunnelUrl}/i/fwd/${name}`, { body: Buffer.from(name) });
      expectSameAnswer(tunneled, answer, `through the relay ${name}`);
    }
  });

  it('reaches the sender unchanged from a scripted response', async () => {
    const answer = ANSWERS.created;
    await engine.apiJson('/api/inboxes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Scripted',
        slug: 'scripted',
        response: { status: answer.status, headers: answer.headers, body: answer.body.toString('base64'), body_encoding: 'base64' },
      }),
    });
    expectSameAnswer(await send(`${tunnelUrl}/i/scripted/x`, { body: Buffer.from('x') }), answer, 'scripted through the relay');
  });
});
