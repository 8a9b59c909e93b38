import { ProviderConnect, type TunnelProviderName, type TunnelSettingsView } from '../../../../shared/api/tunnel-routes.js';
import { DEFAULT_LOCALTUNNEL_HOST } from './tunnel-providers.js';

/** The panel's fields for every provider at once, so switching providers keeps what was typed. */
export interface TunnelDraft {
  cloudflared: string;
  ngrokAuthtoken: string;
  ngrokDomain: string;
  localtunnelHost: string;
  localtunnelSubdomain: string;
  relay: string;
  relayToken: string;
}

/** Fields start from what the engine remembers; secrets start empty because the engine never gives them back. */
export function draftFromSettings(settings: TunnelSettingsView | null): TunnelDraft {
  return {
    cloudflared: settings?.cloudflare.cloudflared ?? '',
    ngrokAuthtoken: '',
    ngrokDomain: settings?.ngrok.domain ?? '',
    localtunnelHost: settings?.localtunnel.host ?? DEFAULT_LOCALTUNNEL_HOST,
    localtunnelSubdomain: settings?.localtunnel.subdomain ?? '',
    relay: settings?.relay.relay ?? '',
    relayToken: '',
  };
}

/** The draft with its secrets cleared, once they have been sent. */
export function withoutSecrets(draft: TunnelDraft): TunnelDraft {
  return { ...draft, ngrokAuthtoken: '', relayToken: '' };
}

const withoutTrailingSlash = (url: string) => url.trim().replace(/\/+$/, '');

/**
 * The connect body for one provider. A blank secret or path is left out so the engine keeps the saved one
 * (or its env var); a blank domain or subdomain is sent as "" because that is how the user clears it.
 */
export function connectBodyFor(provider: TunnelProviderName, draft: TunnelDraft): ProviderConnect {
  switch (provider) {
    case 'cloudflare':
      return { provider, ...(draft.cloudflared.trim() ? { cloudflared: draft.cloudflared.trim() } : {}) };
    case 'ngrok':
      return {
        provider,
        ...(draft.ngrokAuthtoken.trim() ? { authtoken: draft.ngrokAuthtoken.trim() } : {}),
        domain: draft.ngrokDomain.trim().toLowerCase(),
      };
    case 'localtunnel':
      return {
        provider,
        ...(draft.localtunnelHost.trim() ? { host: withoutTrailingSlash(draft.localtunnelHost) } : {}),
        subdomain: draft.localtunnelSubdomain.trim().toLowerCase(),
      };
    case 'relay':
      return {
        provider,
        ...(draft.relay.trim() ? { relay: withoutTrailingSlash(draft.relay) } : {}),
        ...(draft.relayToken.trim() ? { token: draft.relayToken.trim() } : {}),
      };
  }
}

/** The contract's own sentence for a body it would refuse, so a typo is caught before the round trip. */
export function connectBodyProblem(body: ProviderConnect): string | null {
  const checked = ProviderConnect.safeParse(body);
  return checked.success ? null : (checked.error.issues[0]?.message ?? 'These settings are not valid.');
}
