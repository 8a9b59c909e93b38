import type { RawHeaders } from '../../../shared/api/common.js';

/** Headers that belong to one connection, never passed on by a proxy (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'trailer']);

// Methods Node sends without a body (and without chunked framing) when no Content-Length is given.
const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

/** Hop-by-hop headers: the fixed list, Proxy-*, and whatever the Connection header names. */
function hopByHop(headers: RawHeaders): (name: string) => boolean {
  const named = new Set<string>();
  for (const [name, value] of headers) {
    if (name.toLowerCase() === 'connection') for (const token of value.split(',')) named.add(token.trim().toLowerCase());
  }
  return (name) => {
    const lower = name.toLowerCase();
    return HOP_BY_HOP.has(lower) || lower.startsWith('proxy-') || named.has(lower);
  };
}

/**
 * Where a delivery goes: the target's path, then what followed `/i/<slug>` (or the whole path for
 * the default inbox), then the query. A bare `/` adds nothing, so the inbox URL maps to the target itself.
 */
export function forwardUrl(base: string, requestTarget: string, routedBySlug: boolean): URL {
  const url = new URL(base);
  const queryAt = requestTarget.indexOf('?');
  const path = queryAt < 0 ? requestTarget : requestTarget.slice(0, queryAt);
  const query = queryAt < 0 ? '' : requestTarget.slice(queryAt + 1);
  const suffix = routedBySlug ? path.replace(/^\/i\/[^/?#]+/, '') : path;
  if (suffix !== '' && suffix !== '/') url.pathname = url.pathname.replace(/\/$/, '') + suffix;
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  return url;
}

/**
 * The request headers for a forward or a replay: arrival order and case kept, hop-by-hop headers
 * dropped, Host rewritten to the target (in place), Content-Length set to the bytes actually sent.
 */
export function outgoingHeaders(headers: RawHeaders, target: URL, method: string, bodyLength: number): RawHeaders {
  const skip = hopByHop(headers);
  const out: RawHeaders = [];
  let host = false;
  let length = false;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (skip(name)) continue;
    if (lower === 'host') {
      if (!host) out.push([name, target.host]);
      host = true;
    } else if (lower === 'content-length') {
      if (!length) out.push([name, String(bodyLength)]);
      length = true;
    } else out.push([name, value]);
  }
  if (!host) out.unshift(['Host', target.host]);
  if (!length && (bodyLength > 0 || !BODYLESS_METHODS.has(method.toUpperCase()))) out.push(['Content-Length', String(bodyLength)]);
  return out;
}

/** The handler's answer as the sender gets it: hop-by-hop headers dropped, the body framed by Content-Length. */
export function relayedHeaders(headers: RawHeaders, status: number, method: string, bodyLength: number): RawHeaders {
  const skip = hopByHop(headers);
  const out = headers.filter(([name]) => !skip(name));
  const bodyless = method.toUpperCase() === 'HEAD' || status === 204 || status === 304 || status < 200;
  if (!bodyless && !out.some(([name]) => name.toLowerCase() === 'content-length')) out.push(['Content-Length', String(bodyLength)]);
  return out;
}
