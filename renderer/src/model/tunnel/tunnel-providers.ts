import type { TunnelProviderName } from '../../../../shared/api/tunnel-routes.js';

/** What the panel says about one provider before it is picked: its name, what it needs, and what to expect of its URL. */
export interface TunnelProviderInfo {
  name: TunnelProviderName;
  /** Full name, in the picker and the status card. */
  title: string;
  /** One word, in the pill: "Cloudflare online". */
  short: string;
  /** What the user must bring, after "Needs: ". */
  needs: string;
  /** One line about the URL it gives. */
  blurb: string;
}

/** In the order the panel lists them: no account first, self-hosted last. */
export const TUNNEL_PROVIDERS: readonly TunnelProviderInfo[] = [
  {
    name: 'cloudflare',
    title: 'Cloudflare quick tunnel',
    short: 'Cloudflare',
    needs: 'nothing, no account',
    blurb: 'Runs cloudflared on this machine for a trycloudflare.com URL.',
  },
  {
    name: 'ngrok',
    title: 'ngrok',
    short: 'ngrok',
    needs: 'an authtoken (a static domain is optional)',
    blurb: 'With your free static domain the URL survives restarts.',
  },
  {
    name: 'localtunnel',
    title: 'localtunnel',
    short: 'localtunnel',
    needs: 'a host (localtunnel.me or your own)',
    blurb: 'Asks for the same subdomain again after a restart.',
  },
  {
    name: 'relay',
    title: 'Hookbench relay (self-hosted)',
    short: 'Relay',
    needs: 'a relay URL and token',
    blurb: 'Your own `hookbench relay` on a server with TLS; the URL stays as long as the relay does.',
  },
];

export const DEFAULT_LOCALTUNNEL_HOST = 'https://localtunnel.me';

export function providerInfo(name: TunnelProviderName): TunnelProviderInfo {
  return TUNNEL_PROVIDERS.find((info) => info.name === name) ?? TUNNEL_PROVIDERS[0];
}

/** What Cloudflare promises for quick tunnels, said where the user picks one. */
export const CLOUDFLARE_LIMITS =
  'Quick-tunnel URLs change on every start. Cloudflare makes no uptime promise for them and allows at most 200 requests in flight.';
