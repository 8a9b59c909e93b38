import type { RawHeaders } from '../../../shared/api/common.js';
import type { TunnelProviderName } from '../../../shared/api/tunnel-routes.js';
import { headerValue } from '../inbound/raw-headers.js';

export interface SenderAddress {
  remoteAddress: string | null;
  /** What reported it, e.g. "CF-Connecting-IP via cloudflare"; null when the provider reported nothing. */
  source: string | null;
}

/** The header each provider puts the sender's address in; the relay reports it in its own frame. */
const ADDRESS_HEADER: Record<Exclude<TunnelProviderName, 'relay'>, string> = {
  cloudflare: 'CF-Connecting-IP',
  ngrok: 'X-Forwarded-For',
  localtunnel: 'X-Forwarded-For',
};

/**
 * The sender's address as the provider reports it. Through a provider the socket's peer is the
 * provider's own local process, so the address comes from the provider's header (the first entry of
 * X-Forwarded-For: the client the provider saw), labelled with where it came from.
 */
export function tunnelSenderAddress(provider: TunnelProviderName, headers: RawHeaders, relayReported: string | null): SenderAddress {
  if (provider === 'relay') return { remoteAddress: relayReported, source: relayReported ? 'peer address via relay' : null };
  const header = ADDRESS_HEADER[provider];
  const value = headerValue(headers, header)?.split(',')[0].trim();
  return value ? { remoteAddress: value, source: `${header} via ${provider}` } : { remoteAddress: null, source: null };
}
