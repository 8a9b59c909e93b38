import type { ProviderContext, TunnelProvider } from './provider.js';
import { createCloudflareProvider } from './providers/cloudflare/cloudflare-provider.js';
import { createLocaltunnelProvider } from './providers/localtunnel/localtunnel-provider.js';
import { createNgrokProvider } from './providers/ngrok/ngrok-provider.js';
import { createRelayProvider, type RelaySettings } from './providers/relay/relay-provider.js';
import type { BackoffSettings } from './reconnect-backoff.js';
import type { ResolvedProvider } from './provider-settings.js';

/** What the service adds to a provider's resolved settings: where to save what it learns, and engine-wide knobs. */
export interface ProviderHooks {
  retry: BackoffSettings;
  clientName: string;
  /** PEM of a private CA for the relay's certificate (--relay-ca). */
  relayCa?: string;
  onRelayIdentity: RelaySettings['onIdentity'];
  /** The relay's queue for this tunnel: what waits, what it dropped, each queued delivery that arrived. */
  onRelayQueue: RelaySettings['onQueueEvent'];
  onLocaltunnelSubdomain: (subdomain: string) => void;
}

export type ProviderFactory = (resolved: ResolvedProvider, context: ProviderContext, hooks: ProviderHooks) => TunnelProvider;

/** The one place that knows every provider: resolved settings in, a provider behind the common boundary out. */
export function createProvider(resolved: ResolvedProvider, context: ProviderContext, hooks: ProviderHooks): TunnelProvider {
  switch (resolved.provider) {
    case 'relay':
      return createRelayProvider(
        {
          relay: resolved.relay,
          token: resolved.token,
          identity: resolved.identity,
          ca: hooks.relayCa,
          retry: hooks.retry,
          clientName: hooks.clientName,
          onIdentity: hooks.onRelayIdentity,
          onQueueEvent: hooks.onRelayQueue,
        },
        context,
      );
    case 'cloudflare':
      return createCloudflareProvider({ cloudflared: resolved.cloudflared }, context, { retry: hooks.retry });
    case 'ngrok':
      return createNgrokProvider(
        { authtoken: resolved.authtoken, domain: resolved.domain, serverAddr: resolved.serverAddr, retry: hooks.retry },
        context,
      );
    case 'localtunnel':
      return createLocaltunnelProvider(
        { host: resolved.host, subdomain: resolved.subdomain, onSubdomain: hooks.onLocaltunnelSubdomain, retry: hooks.retry },
        context,
      );
  }
}
