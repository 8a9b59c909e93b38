import type { ProviderConnect, TunnelConnect, TunnelProviderName } from '../../../shared/api/tunnel-routes.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { EngineConfig } from '../config.js';
import { normalizeRelayUrl, relayUrlProblem } from '../../../shared/tunnel/relay-endpoint.js';
import type { TunnelIdentity } from './tunnel-client.js';
import { DEFAULT_LOCALTUNNEL_HOST, type TunnelSettings } from './tunnel-settings-file.js';

/** The engine settings a tunnel uses: the provider to start with and each provider's flags and variables. */
export type TunnelConfig = Pick<
  EngineConfig,
  | 'tunnel'
  | 'relayUrl'
  | 'relayToken'
  | 'cloudflared'
  | 'ngrokAuthtoken'
  | 'ngrokAuthtokenEnv'
  | 'ngrokDomain'
  | 'ngrokServerAddr'
  | 'ltHost'
  | 'ltSubdomain'
>;

/** A provider's settings once the body, the saved settings and the engine's flags are merged (secrets included). */
export type ResolvedProvider =
  | { provider: 'relay'; relay: string; token: string; identity: TunnelIdentity }
  | { provider: 'cloudflare'; cloudflared: string | null }
  | { provider: 'ngrok'; authtoken: string; domain: string | null; serverAddr?: string }
  | { provider: 'localtunnel'; host: string; subdomain: string | null };

export interface ConnectPlan {
  resolved: ResolvedProvider;
  /** The settings to save once the connect goes ahead: everything the body said is remembered. */
  saved: TunnelSettings;
  /** The URL this provider had last time, to notice a change. */
  lastUrl: string | null;
}

/** The body a connect at start uses: the provider from --tunnel (or --relay) with its flags; null to start offline. */
export function startupConnect(config: TunnelConfig): ProviderConnect | null {
  // --relay and --relay-token mean the relay.
  const provider = config.tunnel ?? (config.relayUrl || config.relayToken ? 'relay' : null);
  const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  switch (provider) {
    case null:
      return null;
    case 'relay':
      return defined({ provider, relay: config.relayUrl, token: config.relayToken });
    case 'cloudflare':
      return defined({ provider, cloudflared: config.cloudflared });
    case 'ngrok':
      return defined({ provider, authtoken: config.ngrokAuthtoken, domain: config.ngrokDomain });
    case 'localtunnel':
      return defined({ provider, host: config.ltHost, subdomain: config.ltSubdomain });
  }
}

/** An empty body means the provider used last (the relay when there was none); a body without provider names a relay. */
export function connectRequest(input: TunnelConnect | undefined, saved: TunnelSettings, config: TunnelConfig): ProviderConnect {
  if (input && 'provider' in input && input.provider) return input;
  const legacy = (input ?? {}) as { relay?: string; token?: string; name?: string };
  if (Object.keys(legacy).length > 0) return { provider: 'relay', ...legacy };
  const provider: TunnelProviderName = saved.provider ?? config.tunnel ?? 'relay';
  return { provider };
}

function relayNotConfigured(): HookbenchError {
  return new HookbenchError(
    'relay_not_configured',
    'No relay is configured: send {"provider": "relay", "relay": "https://relay.example.com", "token": "…"} or start with --relay and --relay-token.',
    400,
  );
}

function localtunnelHostProblem(host: string): string | null {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return 'must be a URL such as https://localtunnel.me';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// (or http:// for a server of your own)';
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    return "must be the server's base URL, without a path or credentials (e.g. https://localtunnel.me)";
  return null;
}

/**
 * Merges a connect body with the saved settings and the engine's flags: what the body says wins,
 * then what was saved, then flags and variables. Throws a 400 for settings that cannot work, before
 * anything is saved or stopped. Missing things a provider can explain (no cloudflared, no authtoken)
 * are left to the provider, which reports them as `failed` with a fix.
 */
export function planConnect(request: ProviderConnect, saved: TunnelSettings, config: TunnelConfig): ConnectPlan {
  const base: TunnelSettings = { ...saved, provider: request.provider, enabled: true };
  switch (request.provider) {
    case 'relay': {
      const given = request.relay ?? saved.relay.relay ?? config.relayUrl;
      if (!given) throw relayNotConfigured();
      const problem = relayUrlProblem(given);
      if (problem) throw new HookbenchError('invalid_relay_url', `relay ${problem}.`, 400);
      const relay = normalizeRelayUrl(given);
      const token = request.token ?? (relay === saved.relay.relay ? saved.relay.token : null) ?? config.relayToken;
      if (!token) throw relayNotConfigured();
      const same = relay === saved.relay.relay && token === saved.relay.token;
      let identity: TunnelIdentity = same
        ? { tunnelId: saved.relay.tunnel_id, resume: saved.relay.resume, url: saved.relay.url, hostUrl: saved.relay.host_url }
        : { tunnelId: null, resume: null, url: null, hostUrl: null };
      if (request.name && request.name !== identity.tunnelId) identity = { tunnelId: request.name, resume: null, url: null, hostUrl: null };
      return {
        resolved: { provider: 'relay', relay, token, identity },
        saved: {
          ...base,
          relay: { relay, token, tunnel_id: identity.tunnelId, resume: identity.resume, url: identity.url, host_url: identity.hostUrl },
        },
        lastUrl: saved.relay.url,
      };
    }
    case 'cloudflare': {
      const cloudflared = request.cloudflared ?? saved.cloudflare.cloudflared ?? config.cloudflared ?? null;
      return {
        resolved: { provider: 'cloudflare', cloudflared },
        saved: { ...base, cloudflare: { ...saved.cloudflare, cloudflared: request.cloudflared ?? saved.cloudflare.cloudflared } },
        lastUrl: saved.cloudflare.last_url,
      };
    }
    case 'ngrok': {
      const authtoken = request.authtoken ?? saved.ngrok.authtoken ?? config.ngrokAuthtoken ?? config.ngrokAuthtokenEnv ?? '';
      const domain = request.domain !== undefined ? request.domain || null : (saved.ngrok.domain ?? config.ngrokDomain ?? null);
      return {
        resolved: { provider: 'ngrok', authtoken, domain, ...(config.ngrokServerAddr ? { serverAddr: config.ngrokServerAddr } : {}) },
        saved: {
          ...base,
          ngrok: {
            ...saved.ngrok,
            authtoken: request.authtoken ?? saved.ngrok.authtoken,
            domain: request.domain !== undefined ? request.domain || null : saved.ngrok.domain,
          },
        },
        lastUrl: saved.ngrok.last_url,
      };
    }
    case 'localtunnel': {
      const host = (request.host ?? saved.localtunnel.host ?? config.ltHost ?? DEFAULT_LOCALTUNNEL_HOST).replace(/\/+$/, '');
      const problem = localtunnelHostProblem(host);
      if (problem) throw new HookbenchError('invalid_localtunnel_host', `host ${problem}.`, 400);
      // A subdomain belongs to the server that granted it.
      const sameHost = saved.localtunnel.host === null || saved.localtunnel.host === host;
      const savedSubdomain = sameHost ? saved.localtunnel.subdomain : null;
      const subdomain = request.subdomain !== undefined ? request.subdomain || null : (savedSubdomain ?? config.ltSubdomain ?? null);
      return {
        resolved: { provider: 'localtunnel', host, subdomain },
        saved: {
          ...base,
          localtunnel: {
            ...saved.localtunnel,
            host: request.host === undefined ? saved.localtunnel.host : host,
            subdomain: request.subdomain !== undefined ? request.subdomain || null : savedSubdomain,
          },
        },
        lastUrl: saved.localtunnel.last_url,
      };
    }
  }
}

/** A secret shown only by its ends: the first 4 and last 4 characters (all hidden when that would be most of it). */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  if (secret.length < 16) return '•'.repeat(8);
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}
