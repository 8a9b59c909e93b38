import type { RawHeaders } from '../../../shared/api/common.js';
import type { TunnelProviderName } from '../../../shared/api/tunnel-routes.js';
import type { Ingest } from '../receiver/ingest.js';
import { headerValue } from '../inbound/raw-headers.js';
import { jsonResponse } from '../inbound/captured-request.js';
import { looksLikeProbe, probeAnswer, probeNonceOf } from './probe-protocol.js';
import { tunnelSenderAddress } from './tunnel-sender-address.js';

export interface TunnelIngestOptions {
  provider: TunnelProviderName;
  /** This engine run's probe secret: a probe carrying it is answered and never stored. */
  probeSecret: string;
  ingest: Ingest;
  /** The provider's public URL while it has one: whether senders reached it over https when the provider does not say. */
  publicUrl(): string | null;
}

/** Whether the sender used https: the provider's X-Forwarded-Proto when it sends one, else the public URL's scheme. */
function publicSideTls(headers: RawHeaders, publicUrl: string | null): boolean {
  const proto = headerValue(headers, 'X-Forwarded-Proto')?.split(',')[0].trim().toLowerCase();
  if (proto) return proto === 'https';
  return publicUrl?.startsWith('https:') ?? false;
}

/**
 * What a provider hands requests to: probes are answered here without being stored; everything
 * else goes to the receiver's ingest as `via: "tunnel"`, tagged with the provider and the sender's
 * address as the provider reports it.
 */
export function createTunnelIngest(options: TunnelIngestOptions): Ingest {
  const { provider } = options;
  return async (request) => {
    const nonce = probeNonceOf(request, options.probeSecret);
    if (nonce !== null) return probeAnswer(nonce);
    // A probe a relay queued anyway (an older relay, or one from an earlier run): acknowledged, never stored.
    if (request.relayQueue && looksLikeProbe(request)) return Promise.resolve(jsonResponse(200, { ok: true, stale_probe: true }));
    const sender = tunnelSenderAddress(provider, request.headers, request.remoteAddress);
    return options.ingest({
      ...request,
      via: 'tunnel',
      tls: provider === 'relay' ? request.tls : publicSideTls(request.headers, options.publicUrl()),
      provider,
      remoteAddress: sender.remoteAddress,
      remoteAddressSource: sender.source,
      publicBase: options.publicUrl(),
    });
  };
}
