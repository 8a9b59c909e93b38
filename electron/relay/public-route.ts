import { TUNNEL_ID_PATTERN, TUNNEL_PATH } from '../../shared/tunnel-protocol.js';

export type PublicRoute =
  { kind: 'health' } | { kind: 'tunnel_endpoint' } | { kind: 'tunnel'; id: string; target: string } | { kind: 'not_found' };

/** `Host` without its port, lowercased; IPv6 literals keep their brackets. */
export function hostName(host: string | null | undefined): string | null {
  if (!host) return null;
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.lastIndexOf(':');
  return colon >= 0 ? lower.slice(0, colon) : lower;
}

/**
 * Where a public request goes: `<id>.<domain>/…` (host-based, when the relay has a domain),
 * `/t/<id>/…` (path-based, always), or the relay's own endpoints on its bare host.
 */
export function routePublicRequest(host: string | null, url: string, domain: string | null): PublicRoute {
  const name = hostName(host);
  if (domain && name && name.endsWith(`.${domain}`)) {
    const label = name.slice(0, -(domain.length + 1));
    if (TUNNEL_ID_PATTERN.test(label)) return { kind: 'tunnel', id: label, target: url.startsWith('/') ? url : `/${url}` };
    return { kind: 'not_found' };
  }
  const path = url.split('?')[0];
  if (path === '/healthz') return { kind: 'health' };
  if (path === TUNNEL_PATH) return { kind: 'tunnel_endpoint' };
  const match = /^\/t\/([^/?#]+)(.*)$/s.exec(url);
  if (!match) return { kind: 'not_found' };
  const id = match[1].toLowerCase();
  const rest = match[2];
  if (!TUNNEL_ID_PATTERN.test(id) || !(rest === '' || rest.startsWith('/') || rest.startsWith('?'))) return { kind: 'not_found' };
  return { kind: 'tunnel', id, target: rest.startsWith('/') ? rest : `/${rest}` };
}
