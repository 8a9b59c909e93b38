import type { IncomingHttpHeaders } from 'node:http';
import { sessionValue, tokensEqual } from './token.js';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; error: string; message: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Host values the API answers to; anything else is a DNS-rebinding attempt. */
export function allowedHosts(port: number): Set<string> {
  return new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`));
}

export function allowedOrigins(port: number, extra: readonly string[] = []): Set<string> {
  return new Set([...LOOPBACK_NAMES.map((name) => `http://${name}:${port}`), ...extra]);
}

export function sessionCookieName(port: number): string {
  // Cookies ignore ports: two engines on one machine must not share a session.
  return `hookbench_session_${port}`;
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** Host and Origin checks, applied to every request and to the WebSocket upgrade. */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, port: number, extraOrigins: readonly string[] = []): GuardVerdict {
  if (!headers.host || !allowedHosts(port).has(headers.host.toLowerCase())) {
    return {
      ok: false,
      status: 403,
      error: 'forbidden_host',
      message: 'This API only answers requests addressed to the loopback address and its port.',
    };
  }
  const origin = headers.origin;
  if (origin !== undefined && !allowedOrigins(port, extraOrigins).has(origin)) {
    return { ok: false, status: 403, error: 'forbidden_origin', message: 'Requests from other web pages are refused.' };
  }
  return { ok: true };
}

/** The token from `Authorization: Bearer`, the session cookie, or (WebSocket only) a `token.<t>` subprotocol. */
export function checkToken(headers: IncomingHttpHeaders, token: string, port: number, allowProtocol = false): GuardVerdict {
  const auth = headers.authorization;
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
  if (bearer !== null && tokensEqual(bearer, token)) return { ok: true };
  const cookie = cookieValue(headers.cookie, sessionCookieName(port));
  if (cookie !== null && tokensEqual(cookie, sessionValue(token))) return { ok: true };
  if (allowProtocol) {
    const offered = String(headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const fromProtocol = offered.find((p) => p.startsWith('token.'));
    if (fromProtocol && tokensEqual(fromProtocol.slice(6), token)) return { ok: true };
  }
  return {
    ok: false,
    status: 401,
    error: 'unauthorized',
    message: "Missing or wrong API token. Send `Authorization: Bearer <token>`; the token is in the data dir's api-token file.",
  };
}
