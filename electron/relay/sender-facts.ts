import type { IncomingHttpHeaders } from 'node:http';

export interface SenderFacts {
  remoteAddress: string | null;
  /** Whether the sender reached the relay (or the proxy in front of it) over TLS. */
  tls: boolean;
  /** The host the sender addressed, for routing and for building public URLs. */
  host: string | null;
}

/** The last value of a possibly repeated, comma-separated header: the one our own proxy added. */
function lastValue(value: string | string[] | undefined): string | null {
  const joined = Array.isArray(value) ? value.join(',') : value;
  if (!joined) return null;
  const parts = joined
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return parts.length ? parts[parts.length - 1] : null;
}

/**
 * Who sent the request and how. `X-Forwarded-*` are honoured only with --trust-proxy, and then
 * only their last entry, which the proxy in front of the relay wrote; earlier entries are the
 * sender's own claims.
 */
export function senderFacts(
  headers: IncomingHttpHeaders,
  socket: { remoteAddress?: string; encrypted?: boolean },
  trustProxy: boolean,
): SenderFacts {
  const direct: SenderFacts = {
    remoteAddress: socket.remoteAddress ?? null,
    tls: socket.encrypted === true,
    host: headers.host ?? null,
  };
  if (!trustProxy) return direct;
  const proto = lastValue(headers['x-forwarded-proto'])?.toLowerCase();
  return {
    remoteAddress: lastValue(headers['x-forwarded-for']) ?? direct.remoteAddress,
    tls: proto === undefined ? direct.tls : proto === 'https' || proto === 'wss',
    host: lastValue(headers['x-forwarded-host']) ?? direct.host,
  };
}
