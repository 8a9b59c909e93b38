import { describe, expect, it } from 'vitest';
import { checkHostAndOrigin, checkToken, sessionCookieName } from '../../../electron/engine/api/guard.js';
import { sessionValue, tokensEqual } from '../../../electron/engine/api/token.js';

const TOKEN = 'a'.repeat(64);

describe('guard rules', () => {
  it('accepts only loopback hosts with the API port', () => {
    for (const host of ['127.0.0.1:4600', 'localhost:4600', '[::1]:4600', 'LOCALHOST:4600']) {
      expect(checkHostAndOrigin({ host }, 4600).ok).toBe(true);
    }
    for (const host of ['evil.com:4600', '127.0.0.1:4601', '127.0.0.1', '127.0.0.2:4600', '']) {
      expect(checkHostAndOrigin({ host }, 4600)).toMatchObject({ ok: false, status: 403 });
    }
  });

  it('accepts no Origin, the API origin and configured extra origins only', () => {
    expect(checkHostAndOrigin({ host: 'localhost:4600' }, 4600).ok).toBe(true);
    expect(checkHostAndOrigin({ host: 'localhost:4600', origin: 'http://localhost:4600' }, 4600).ok).toBe(true);
    expect(checkHostAndOrigin({ host: 'localhost:4600', origin: 'null' }, 4600).ok).toBe(false);
    expect(checkHostAndOrigin({ host: 'localhost:4600', origin: 'http://localhost:4601' }, 4600).ok).toBe(false);
    expect(checkHostAndOrigin({ host: 'localhost:4600', origin: 'hookbench://app' }, 4600, ['hookbench://app']).ok).toBe(true);
  });

  it('takes the token from the bearer header, the session cookie, or a WebSocket subprotocol when allowed', () => {
    expect(checkToken({ authorization: `Bearer ${TOKEN}` }, TOKEN, 1).ok).toBe(true);
    expect(checkToken({ cookie: `x=1; ${sessionCookieName(1)}=${sessionValue(TOKEN)}` }, TOKEN, 1).ok).toBe(true);
    expect(checkToken({ cookie: `${sessionCookieName(2)}=${sessionValue(TOKEN)}` }, TOKEN, 1).ok).toBe(false);
    expect(checkToken({ 'sec-websocket-protocol': `hookbench.v1, token.${TOKEN}` }, TOKEN, 1).ok).toBe(false);
    expect(checkToken({ 'sec-websocket-protocol': `hookbench.v1, token.${TOKEN}` }, TOKEN, 1, true).ok).toBe(true);
    expect(checkToken({ authorization: `Basic ${TOKEN}` }, TOKEN, 1)).toMatchObject({ ok: false, status: 401 });
  });

  it('compares tokens of any length without throwing', () => {
    expect(tokensEqual('short', TOKEN)).toBe(false);
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
  });
});
