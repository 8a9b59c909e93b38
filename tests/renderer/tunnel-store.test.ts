import { describe, expect, it } from 'vitest';
import type { TunnelConnect, TunnelStatus } from '../../shared/api/tunnel-routes.js';
import { ApiRequestError } from '../../renderer/src/services/api-client.js';
import {
  connectBody,
  formatRetryIn,
  TunnelStore,
  tunnelPillView,
  tunnelUrlChanged,
  type TunnelSource,
} from '../../renderer/src/model/tunnel-store.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

function status(overrides: Partial<TunnelStatus> = {}): TunnelStatus {
  return {
    provider: 'relay',
    status: 'offline',
    url: null,
    url_stable: true,
    probe: null,
    url_change: null,
    host_url: null,
    relay: null,
    tunnel_id: null,
    since: '2026-03-01T11:59:00.000Z',
    attempt: 0,
    next_attempt_at: null,
    error: null,
    ...overrides,
  };
}

const ONLINE = status({
  status: 'online',
  url: 'http://127.0.0.1:9000/t/abc',
  relay: 'http://127.0.0.1:9000',
  tunnel_id: 'abc',
  since: '2026-03-01T11:59:30.000Z',
});

describe('formatRetryIn', () => {
  it('counts down in tenths under 10 s, seconds under 2 min, then minutes', () => {
    expect(formatRetryIn(null, NOW)).toBeNull();
    expect(formatRetryIn('not a date', NOW)).toBeNull();
    expect(formatRetryIn(new Date(NOW + 1_230).toISOString(), NOW)).toBe('in 1.3s');
    expect(formatRetryIn(new Date(NOW + 25_000).toISOString(), NOW)).toBe('in 25s');
    expect(formatRetryIn(new Date(NOW + 5 * 60_000).toISOString(), NOW)).toBe('in 5m');
    expect(formatRetryIn(new Date(NOW - 10).toISOString(), NOW)).toBe('now');
  });
});

describe('tunnelPillView', () => {
  it('gives each state its own tone and words', () => {
    expect(tunnelPillView(null, NOW).label).toBe('Tunnel…');
    expect(tunnelPillView(status(), NOW)).toMatchObject({ tone: 'offline', label: 'Tunnel offline' });
    expect(tunnelPillView(status({ status: 'starting', relay: 'https://r.example' }), NOW)).toMatchObject({
      tone: 'busy',
      label: 'Tunnel connecting…',
    });
    expect(tunnelPillView(ONLINE, NOW)).toMatchObject({
      tone: 'online',
      label: 'Tunnel online',
      detail: 'Public URL http://127.0.0.1:9000/t/abc',
    });
  });

  it('shows when a reconnecting tunnel tries next, and why it failed', () => {
    const view = tunnelPillView(
      status({
        status: 'reconnecting',
        relay: 'https://r.example',
        attempt: 2,
        next_attempt_at: new Date(NOW + 4_000).toISOString(),
        error: { code: 'unauthorized', message: 'The relay refused the token.', fix: null },
      }),
      NOW,
    );
    expect(view).toEqual({
      tone: 'warning',
      label: 'Tunnel retrying in 4.0s',
      detail: 'Reconnecting to https://r.example (unauthorized); attempt 3, next in 4.0s',
    });
    expect(tunnelPillView(status({ status: 'reconnecting' }), NOW).label).toBe('Tunnel reconnecting…');
  });
});

describe('connectBody', () => {
  it('leaves blank fields out so the engine uses its defaults, and trims the relay URL', () => {
    expect(connectBody('', '  ')).toEqual({});
    expect(connectBody(' https://relay.example.com/ ', 'tok')).toEqual({ relay: 'https://relay.example.com', token: 'tok' });
  });
});

describe('tunnelUrlChanged', () => {
  it('is true only when the public URL (path or host based) changes', () => {
    expect(tunnelUrlChanged(null, status())).toBe(false);
    expect(tunnelUrlChanged(status(), ONLINE)).toBe(true);
    expect(tunnelUrlChanged(ONLINE, { ...ONLINE, status: 'reconnecting' })).toBe(false);
    expect(tunnelUrlChanged(ONLINE, { ...ONLINE, host_url: 'http://abc.relay' })).toBe(true);
    expect(tunnelUrlChanged(ONLINE, status())).toBe(true);
  });
});

function fakeSource(initial: TunnelStatus) {
  const calls: Array<['connect', TunnelConnect] | ['disconnect']> = [];
  let connectAnswer: () => Promise<TunnelStatus> = () => Promise.resolve(ONLINE);
  const source: TunnelSource = {
    getTunnel: () => Promise.resolve(initial),
    connectTunnel: (body) => {
      calls.push(['connect', body]);
      return connectAnswer();
    },
    disconnectTunnel: () => {
      calls.push(['disconnect']);
      return Promise.resolve(status({ since: '2026-03-01T12:00:10.000Z' }));
    },
  };
  return { source, calls, answerConnect: (answer: () => Promise<TunnelStatus>) => (connectAnswer = answer) };
}

describe('TunnelStore', () => {
  it('loads, connects, follows the live feed and tells when the public URL changed', async () => {
    const fake = fakeSource(status());
    let urlChanges = 0;
    const store = new TunnelStore(fake.source, () => (urlChanges += 1));
    await store.load();
    expect(store.getSnapshot().status?.status).toBe('offline');
    expect(urlChanges).toBe(0);

    await store.connect('http://127.0.0.1:9000', 'secret-token');
    expect(fake.calls).toEqual([['connect', { relay: 'http://127.0.0.1:9000', token: 'secret-token' }]]);
    expect(store.getSnapshot()).toMatchObject({ status: ONLINE, pending: null, requestError: null });
    expect(urlChanges).toBe(1);

    // The same status again from the feed changes nothing.
    store.receive({ type: 'tunnel.status', ...ONLINE });
    expect(urlChanges).toBe(1);
    expect(store.getSnapshot().status).not.toHaveProperty('type');

    await store.disconnect();
    expect(store.getSnapshot().status?.status).toBe('offline');
    expect(urlChanges).toBe(2);
  });

  it('ignores a status older than the one shown (answer and feed crossing)', async () => {
    const store = new TunnelStore(fakeSource(ONLINE).source);
    await store.load();
    store.receive({ type: 'tunnel.status', ...status({ status: 'starting', since: '2026-03-01T11:59:10.000Z' }) });
    expect(store.getSnapshot().status?.status).toBe('online');
  });

  it('keeps the engine refusal verbatim and marks the request pending meanwhile', async () => {
    const fake = fakeSource(status());
    const store = new TunnelStore(fake.source);
    let reject: (error: Error) => void = () => undefined;
    fake.answerConnect(() => new Promise((_resolve, fail) => (reject = fail)));
    const done = store.connect('ftp://nope', '');
    expect(store.getSnapshot().pending).toBe('connect');
    reject(new ApiRequestError('validation_failed', 'relay must be a URL such as https://relay.example.com', 400));
    await done;
    expect(store.getSnapshot()).toMatchObject({ pending: null, requestError: 'relay must be a URL such as https://relay.example.com' });
    expect(fake.calls).toEqual([['connect', { relay: 'ftp://nope' }]]);
  });
});
