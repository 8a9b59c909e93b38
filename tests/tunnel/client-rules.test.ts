import { describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../shared/api/tunnel-routes.js';
import { reconnectDelay } from '../../electron/engine/tunnel/reconnect-backoff.js';
import { normalizeRelayUrl, relayUrlProblem, tunnelEndpoint } from '../../shared/tunnel/relay-endpoint.js';
import { tunnelStatusLine } from '../../electron/engine/tunnel/tunnel-status-lines.js';

describe('reconnect backoff', () => {
  const settings = { baseMs: 250, maxMs: 15_000 };

  it('doubles from the base with jitter between half and all of the step', () => {
    expect(reconnectDelay(0, settings, () => 0)).toBe(125);
    expect(reconnectDelay(0, settings, () => 1)).toBe(250);
    expect(reconnectDelay(3, settings, () => 0)).toBe(1000);
    expect(reconnectDelay(3, settings, () => 1)).toBe(2000);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    for (const attempt of [6, 10, 100, 10_000]) expect(reconnectDelay(attempt, settings, () => 1)).toBe(15_000);
    expect(reconnectDelay(10_000, settings, () => 0)).toBe(7_500);
  });
});

describe('relay URLs', () => {
  it('accept https anywhere and http only on loopback', () => {
    expect(relayUrlProblem('https://relay.example.com')).toBeNull();
    expect(relayUrlProblem('http://127.0.0.1:8080')).toBeNull();
    expect(relayUrlProblem('http://localhost:8080/')).toBeNull();
    expect(relayUrlProblem('http://relay.example.com')).toMatch(/must use https:\/\//);
    expect(relayUrlProblem('https://relay.example.com/t/abc')).toMatch(/base URL/);
    expect(relayUrlProblem('ftp://relay.example.com')).toMatch(/https/);
    expect(relayUrlProblem('relay.example.com')).toMatch(/URL/);
  });

  it('lead to the tunnel endpoint over WSS (or WS on loopback)', () => {
    expect(tunnelEndpoint('https://relay.example.com')).toBe('wss://relay.example.com/_hookbench/tunnel');
    expect(tunnelEndpoint('http://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/_hookbench/tunnel');
    expect(normalizeRelayUrl('wss://relay.example.com:8443/')).toBe('https://relay.example.com:8443');
  });
});

describe('tunnel status lines', () => {
  const base: TunnelStatus = {
    provider: 'relay',
    status: 'online',
    url: 'https://relay.test/t/abc',
    url_stable: true,
    probe: { ok: true, at: '2026-01-01T00:00:00.000Z', rtt_ms: 12.4, error: null },
    url_change: null,
    host_url: null,
    relay: 'https://relay.test',
    tunnel_id: 'abc',
    since: '2026-01-01T00:00:00.000Z',
    attempt: 0,
    next_attempt_at: null,
    error: null,
  };

  it('say online with the URL, and when the next attempt is with the reason', () => {
    expect(tunnelStatusLine(base)).toBe('tunnel online https://relay.test/t/abc/ (relay, probe 12 ms)');
    const reconnecting: TunnelStatus = {
      ...base,
      status: 'reconnecting',
      next_attempt_at: '2026-01-01T00:00:01.500Z',
      error: { code: 'ECONNREFUSED', message: 'refused', fix: null },
    };
    expect(tunnelStatusLine(reconnecting, Date.parse('2026-01-01T00:00:00.000Z'))).toBe(
      'tunnel reconnecting in 1.5s (ECONNREFUSED: refused)',
    );
    expect(tunnelStatusLine({ ...base, status: 'offline' })).toBe('tunnel offline');
  });
});
