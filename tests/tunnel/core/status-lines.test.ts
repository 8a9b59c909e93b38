import { describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import {
  createTunnelStatusPrinter,
  relayQueueLine,
  tunnelBannerLine,
  tunnelStatusLine,
  tunnelStatusSummary,
} from '../../../electron/engine/tunnel/tunnel-status-lines.js';

const NOW = Date.parse('2026-05-01T10:00:00.000Z');
const base: TunnelStatus = {
  provider: 'cloudflare',
  status: 'online',
  url: 'https://calm-lake.trycloudflare.com',
  url_stable: false,
  since: '2026-05-01T09:59:00.000Z',
  attempt: 0,
  next_attempt_at: null,
  error: null,
  probe: { ok: true, at: '2026-05-01T09:59:30.000Z', rtt_ms: 118.6, error: null },
  url_change: null,
  host_url: null,
  relay: null,
  tunnel_id: null,
};
const probeFailed = { code: 'probe_failed', message: "The public URL does not answer Hookbench's probe (ECONNRESET).", fix: 'Reconnect.' };

describe('tunnel status lines', () => {
  it('read the same for every provider: online with the probe time, degraded, reconnecting, failed with the fix, offline', () => {
    expect(tunnelStatusLine(base)).toBe('tunnel online https://calm-lake.trycloudflare.com/ (cloudflare, probe 119 ms)');
    expect(tunnelStatusLine({ ...base, provider: 'ngrok', url: 'https://x.ngrok-free.app' })).toBe(
      'tunnel online https://x.ngrok-free.app/ (ngrok, probe 119 ms)',
    );
    expect(tunnelStatusLine({ ...base, status: 'degraded', error: probeFailed })).toBe(
      "tunnel degraded https://calm-lake.trycloudflare.com/ (probe_failed: The public URL does not answer Hookbench's probe (ECONNRESET). — Reconnect.)",
    );
    expect(
      tunnelStatusLine(
        {
          ...base,
          status: 'reconnecting',
          next_attempt_at: new Date(NOW + 2_500).toISOString(),
          error: { code: 'connection_lost', message: 'Lost.', fix: 'x' },
        },
        NOW,
      ),
    ).toBe('tunnel reconnecting in 2.5s (connection_lost: Lost.)');
    expect(
      tunnelStatusLine({
        ...base,
        status: 'failed',
        url: null,
        error: { code: 'cloudflared_not_found', message: 'cloudflared is not installed.', fix: 'brew install cloudflared' },
      }),
    ).toBe('tunnel failed (cloudflared_not_found: cloudflared is not installed. — brew install cloudflared)');
    expect(tunnelStatusLine({ ...base, status: 'offline', url: null })).toBe('tunnel offline');
    expect(tunnelStatusLine({ ...base, status: 'starting' })).toBeNull();
  });

  it('summarise any status for `tunnel status`, starting included', () => {
    expect(tunnelStatusSummary({ ...base, status: 'starting', url: null })).toBe('tunnel starting (cloudflare)');
    expect(tunnelStatusSummary({ ...base, status: 'reconnecting', error: probeFailed })).toMatch(/^tunnel reconnecting now \(probe_failed/);
    expect(tunnelStatusSummary(base)).toBe(tunnelStatusLine(base));
  });

  it('print a change once: a probe that only changed its round trip is not news', () => {
    const printed: string[] = [];
    const print = createTunnelStatusPrinter((line) => printed.push(line));
    print({ ...base, status: 'starting' });
    print(base);
    print({ ...base, probe: { ...base.probe!, rtt_ms: 80 } });
    print({ ...base, status: 'degraded', error: probeFailed });
    print({ ...base, probe: { ...base.probe!, rtt_ms: 90 } });
    expect(printed).toEqual([
      'tunnel online https://calm-lake.trycloudflare.com/ (cloudflare, probe 119 ms)',
      expect.stringMatching(/^tunnel degraded /),
      'tunnel online https://calm-lake.trycloudflare.com/ (cloudflare, probe 90 ms)',
    ]);
  });

  it('put the provider in the banner', () => {
    expect(tunnelBannerLine({ ...base, status: 'starting', url: null })).toBe('  Tunnel     starting via cloudflare');
    expect(tunnelBannerLine({ ...base, provider: 'relay', relay: 'https://relay.example.com', status: 'starting', url: null })).toBe(
      '  Tunnel     starting via relay https://relay.example.com',
    );
    expect(tunnelBannerLine({ ...base, status: 'offline' })).toBeNull();
  });
});

describe("a relay queue's line", () => {
  const counts = { waiting: 0, drained: 12, duplicates: 0, dropped_expired: 0, refused_full: 0, last_drained_at: null };

  it('says how many waited once the drain is over, and what the relay dropped', () => {
    expect(relayQueueLine(null)).toBeNull();
    expect(relayQueueLine({ ...counts, waiting: 3 })).toBeNull();
    expect(relayQueueLine({ ...counts, drained: 0 })).toBeNull();
    expect(relayQueueLine(counts)).toBe('tunnel: 12 deliveries waited on the relay while you were away');
    expect(relayQueueLine({ ...counts, drained: 1, dropped_expired: 2, refused_full: 1 })).toBe(
      'tunnel: 1 delivery waited on the relay while you were away (2 requests dropped there: older than its --queue-max-age; 1 sender refused with 507: queue full)',
    );
  });

  it('is printed once per change, beside the status lines', () => {
    const printed: string[] = [];
    const print = createTunnelStatusPrinter((line) => printed.push(line));
    const relay: TunnelStatus = { ...base, provider: 'relay', url: 'https://relay.test/t/acme' };
    print({ ...relay, relay_queue: { ...counts, waiting: 12, drained: 0 } });
    print({ ...relay, relay_queue: counts });
    print({ ...relay, relay_queue: counts, probe: { ...base.probe!, rtt_ms: 60 } });
    expect(printed).toEqual([
      'tunnel online https://relay.test/t/acme/ (relay, probe 119 ms)',
      'tunnel: 12 deliveries waited on the relay while you were away',
    ]);
  });
});
