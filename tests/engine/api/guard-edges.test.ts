import fc from 'fast-check';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { allowedHosts, allowedOrigins, checkHostAndOrigin, checkToken, sessionCookieName } from '../../../electron/engine/api/guard.js';
import { sessionValue, tokensEqual } from '../../../electron/engine/api/token.js';
import { portOf } from '../../support/raw-http.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';

const TOKEN = '3f9a0c1be2d4a5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e';

/** Tokens that are not the token but come close: each one a compare written carelessly would let through. */
function nearMisses(token: string): Record<string, string> {
  const flip = (at: number) => token.slice(0, at) + (token[at] === 'a' ? 'b' : 'a') + token.slice(at + 1);
  return {
    empty: '',
    'one character': token.slice(0, 1),
    'a prefix (all but the last character)': token.slice(0, -1),
    'the first half': token.slice(0, token.length / 2),
    'the first character changed': flip(0),
    'a middle character changed': flip(token.length / 2),
    'the last character changed': flip(token.length - 1),
    'one character appended': `${token}0`,
    'the token twice': token + token,
    'another case': token.toUpperCase(),
    'a suffix': token.slice(1),
  };
}

describe('token compare at the edges', () => {
  it('accepts the token and nothing near it', () => {
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    for (const [edge, given] of Object.entries(nearMisses(TOKEN))) expect(tokensEqual(given, TOKEN), edge).toBe(false);
  });

  it('is exact equality for any two strings, of any lengths, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 300 }), fc.string({ unit: 'binary-ascii', maxLength: 300 }), (a, b) => {
        expect(tokensEqual(a, b)).toBe(a === b);
        expect(tokensEqual(a, a)).toBe(true);
      }),
    );
    for (const given of ['\u{1F600}', '\uD800', 'é'.repeat(10_000), 'x'.repeat(1_000_000)]) {
      expect(() => tokensEqual(given, TOKEN)).not.toThrow();
      expect(tokensEqual(given, TOKEN)).toBe(false);
    }
  });

  it('refuses every near miss as a bearer token, as a WebSocket token protocol, and as a session cookie', () => {
    const cookie = sessionCookieName(4600);
    const session = sessionValue(TOKEN);
    for (const [edge, given] of Object.entries(nearMisses(TOKEN))) {
      expect(checkToken({ authorization: `Bearer ${given}` }, TOKEN, 4600), `bearer: ${edge}`).toMatchObject({ ok: false, status: 401 });
      expect(
        checkToken({ 'sec-websocket-protocol': `hookbench.v1, token.${given}` }, TOKEN, 4600, true),
        `protocol: ${edge}`,
      ).toMatchObject({
        ok: false,
        status: 401,
      });
    }
    for (const [edge, given] of Object.entries(nearMisses(session))) {
      expect(checkToken({ cookie: `${cookie}=${given}` }, TOKEN, 4600), `cookie: ${edge}`).toMatchObject({ ok: false, status: 401 });
    }
    // The token itself is not a session value, and neither is a session made from another token.
    expect(checkToken({ cookie: `${cookie}=${TOKEN}` }, TOKEN, 4600).ok).toBe(false);
    expect(checkToken({ cookie: `${cookie}=${sessionValue(TOKEN.toUpperCase())}` }, TOKEN, 4600).ok).toBe(false);
    expect(checkToken({ cookie: 'other=1' }, TOKEN, 4600).ok).toBe(false);
    expect(checkToken({}, TOKEN, 4600).ok).toBe(false);
    expect(checkToken({ authorization: 'Bearer' }, TOKEN, 4600).ok).toBe(false);
    expect(checkToken({ authorization: TOKEN }, TOKEN, 4600).ok).toBe(false);
    // The scheme is the word Bearer and a space, not any seven characters; the value may be padded.
    expect(checkToken({ authorization: `Bearer:${TOKEN}` }, TOKEN, 4600).ok).toBe(false);
    expect(checkToken({ authorization: `Bearer  ${TOKEN} ` }, TOKEN, 4600).ok).toBe(true);
    // A cookie value is everything after the first '=': one more '=' makes it another value.
    expect(checkToken({ cookie: `${cookie}=${session}=` }, TOKEN, 4600).ok).toBe(false);
    expect(checkToken({ cookie: `a=b=c; ${cookie}=${session}` }, TOKEN, 4600).ok).toBe(true);
  });

  it('says what to send when it refuses, and why a place is refused', () => {
    expect(checkToken({}, TOKEN, 4600)).toEqual({
      ok: false,
      status: 401,
      error: 'unauthorized',
      message: "Missing or wrong API token. Send `Authorization: Bearer <token>`; the token is in the data dir's api-token file.",
    });
    expect(checkHostAndOrigin({ host: 'evil.example:4600' }, 4600)).toEqual({
      ok: false,
      status: 403,
      error: 'forbidden_host',
      message: 'This API only answers requests addressed to the loopback address and its port.',
    });
    expect(checkHostAndOrigin({ host: 'localhost:4600', origin: 'https://evil.example' }, 4600)).toEqual({
      ok: false,
      status: 403,
      error: 'forbidden_origin',
      message: 'Requests from other web pages are refused.',
    });
    expect([...allowedOrigins(4600)]).toEqual(['http://127.0.0.1:4600', 'http://localhost:4600', 'http://[::1]:4600']);
    expect([...allowedHosts(4600)]).toEqual(['127.0.0.1:4600', 'localhost:4600', '[::1]:4600']);
  });
});

describe('the engine’s guard at the edges (plain HTTP and the WebSocket upgrade)', () => {
  let t: TestEngine;
  let port: number;
  beforeAll(async () => {
    t = await startTestEngine();
    port = portOf(t.info.apiUrl);
  });
  afterAll(() => t.stop());

  function get(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** The status of a WebSocket upgrade: 101 when it opened, else the refusal's status. */
  function upgrade(headers: Record<string, string>, protocols: string[] = ['hookbench.v1']): Promise<number> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`, protocols, { headers });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', reject);
    });
  }

  it('answers 401 over HTTP to every near miss of the token, and 200 to the token', async () => {
    for (const [edge, given] of Object.entries(nearMisses(t.info.token))) {
      expect(await get('/api/deliveries', { Authorization: `Bearer ${given}` }), edge).toBe(401);
    }
    expect(await get('/api/deliveries', { Authorization: `Bearer ${t.info.token}` })).toBe(200);
  });

  it('refuses the WebSocket upgrade for every near miss, by protocol and by header', async () => {
    for (const [edge, given] of Object.entries(nearMisses(t.info.token))) {
      expect(await upgrade({}, ['hookbench.v1', `token.${given}`]), `protocol: ${edge}`).toBe(401);
      expect(await upgrade({ Authorization: `Bearer ${given}` }), `header: ${edge}`).toBe(401);
    }
    expect(await upgrade({}, ['hookbench.v1', `token.${t.info.token}`])).toBe(101);
  });

  it('refuses the WebSocket upgrade to a rebinding Host even with the right token', async () => {
    const good = { Authorization: `Bearer ${t.info.token}` };
    expect(await upgrade({ ...good, Host: `attacker.example:${port}` })).toBe(403);
    expect(await upgrade({ ...good, Host: `127.0.0.1:${port + 1}` })).toBe(403);
    expect(await upgrade({ ...good, Host: `localhost:${port}` })).toBe(101);
  });

  it('takes the session cookie for the upgrade, but not a wrong one or none', async () => {
    const cookie = sessionCookieName(port);
    expect(await upgrade({ Cookie: `${cookie}=${sessionValue(t.info.token)}` })).toBe(101);
    expect(await upgrade({ Cookie: `${cookie}=${sessionValue('not-the-token-at-all')}` })).toBe(401);
    expect(await upgrade({ Cookie: `${cookie}=${t.info.token}` })).toBe(401);
    expect(await upgrade({ Cookie: `${sessionCookieName(port + 1)}=${sessionValue(t.info.token)}` })).toBe(401);
    expect(await upgrade({})).toBe(401);
    expect(await get('/api/deliveries', { Cookie: `${cookie}=${sessionValue('not-the-token-at-all')}` })).toBe(401);
  });
});
