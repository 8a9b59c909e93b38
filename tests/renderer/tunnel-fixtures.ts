import type { TunnelSettingsView, TunnelStatus } from '../../shared/api/tunnel-routes.js';

export const NOW = Date.parse('2026-03-01T12:00:00.000Z');
export const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

/** A tunnel status as GET /api/tunnel gives it; offline unless overridden. */
export function tunnelStatus(overrides: Partial<TunnelStatus> = {}): TunnelStatus {
  return {
    provider: 'cloudflare',
    status: 'offline',
    url: null,
    url_stable: false,
    since: iso(-60_000),
    attempt: 0,
    next_attempt_at: null,
    error: null,
    probe: null,
    url_change: null,
    host_url: null,
    relay: null,
    tunnel_id: null,
    ...overrides,
  };
}

/** Cloudflare up, and its last probe came back 5 s ago in 42 ms. */
export const PROVEN_ONLINE = tunnelStatus({
  status: 'online',
  url: 'https://calm-river-1234.trycloudflare.com',
  since: iso(-30_000),
  probe: { ok: true, at: iso(-5_000), rtt_ms: 42, error: null },
});

export function tunnelSettings(overrides: Partial<TunnelSettingsView> = {}): TunnelSettingsView {
  return {
    provider: null,
    relay: { relay: null, token_set: false, name: null },
    cloudflare: { cloudflared: null, found: '/usr/local/bin/cloudflared', download_available: true },
    ngrok: { authtoken: null, authtoken_source: null, domain: null },
    localtunnel: { host: 'https://localtunnel.me', subdomain: null },
    ...overrides,
  };
}
