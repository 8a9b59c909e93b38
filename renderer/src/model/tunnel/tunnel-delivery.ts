import type { DeliverySummary } from '../../../../shared/api/deliveries.js';
import { providerInfo } from './tunnel-providers.js';

type TunnelFacts = Pick<DeliverySummary, 'via' | 'remote_address' | 'tunnel_provider' | 'remote_address_source'> &
  Partial<Pick<DeliverySummary, 'queued_at'>>;

/**
 * The row's tag for a delivery that came through a tunnel: the provider's short name, or "tunnel" when
 * unknown; "relay, queued" for one the relay kept while the app was away.
 */
export function tunnelTag(summary: TunnelFacts): { text: string; title: string } | null {
  if (summary.via !== 'tunnel') return null;
  if (!summary.tunnel_provider) return { text: 'tunnel', title: 'Arrived through the tunnel' };
  const info = providerInfo(summary.tunnel_provider);
  if (summary.queued_at) {
    return {
      text: `${info.short.toLowerCase()}, queued`,
      title: `Arrived through the tunnel: ${info.title}. It waited in the relay’s queue while you were away; the relay answered the sender.`,
    };
  }
  return { text: info.short.toLowerCase(), title: `Arrived through the tunnel: ${info.title}` };
}

/** "Through the tunnel: Cloudflare quick tunnel" for the detail's Via line. */
export function viaTunnelText(summary: TunnelFacts): string {
  return summary.tunnel_provider ? `Through the tunnel: ${providerInfo(summary.tunnel_provider).title}` : 'Through the tunnel';
}

export interface SenderAddressView {
  label: string;
  address: string;
  /** "as reported by Cloudflare (CF-Connecting-IP)"; null for a direct request, where the address is the peer's own. */
  reportedBy: string | null;
}

/**
 * Through a tunnel the peer is the provider, so the sender's address is whatever the provider reported;
 * say so, and in which header, rather than pass it off as the peer's.
 */
export function senderAddressView(summary: TunnelFacts): SenderAddressView {
  const address = summary.remote_address ?? '—';
  if (summary.via !== 'tunnel') return { label: 'Remote address', address, reportedBy: null };
  const provider = summary.tunnel_provider ? providerInfo(summary.tunnel_provider).short : 'the tunnel provider';
  const source = summary.remote_address_source ?? null;
  // The engine writes the source as "<header> via <provider>"; the header alone is what adds to the provider's name.
  const header = source?.match(/^(.+?) via \S+$/)?.[1] ?? source;
  return {
    label: 'Sender address',
    address,
    reportedBy: summary.remote_address ? `as reported by ${provider}${header ? ` (${header})` : ''}` : `${provider} reported none`,
  };
}
