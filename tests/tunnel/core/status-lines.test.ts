import { describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import {
  createTunnelStatusPrinter,
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
