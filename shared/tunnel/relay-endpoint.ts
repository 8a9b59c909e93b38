import { TUNNEL_PATH } from '../tunnel-protocol.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Why a relay URL cannot be used, in a sentence, or null when it is fine. */
export function relayUrlProblem(relay: string): string | null {
  let url: URL;
  try {
    url = new URL(relay);
  } catch {
    return 'must be a URL such as https://relay.example.com';
  }
  if (!['https:', 'wss:', 'http:', 'ws:'].includes(url.protocol)) return 'must start with https://';
  const plain = url.protocol === 'http:' || url.protocol === 'ws:';
  if (plain && !LOOPBACK.test(url.hostname)) {
    return 'must use https:// (the relay token would cross the network in clear text; http:// is allowed for localhost only)';
  }
  if (url.pathname !== '/' || url.search || url.hash)
    return "must be the relay's base URL, without a path (e.g. https://relay.example.com)";
  if (url.username || url.password) return 'must not contain a user name or password; pass the token separately';
  return null;
}

/** The relay base URL as the user gave it → the WebSocket URL of its tunnel endpoint. */
export function tunnelEndpoint(relay: string): string {
  const url = new URL(relay);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return `${secure ? 'wss' : 'ws'}://${url.host}${TUNNEL_PATH}`;
}

/** The form kept and shown: https://host[:port] without a trailing slash. */
export function normalizeRelayUrl(relay: string): string {
  const url = new URL(relay);
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  return `${secure ? 'https' : 'http'}://${url.host}`;
}
