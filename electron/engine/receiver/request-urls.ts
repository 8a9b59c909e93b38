import type { CapturedRequest } from '../inbound/captured-request.js';
import { headerValue } from '../inbound/raw-headers.js';

/**
 * The URL the sender requested and the URL as this machine's receiver saw it. Through a tunnel the
 * sender used the tunnel's public URL; directly, the Host it sent. Twilio signs the former.
 */
export function requestUrls(request: CapturedRequest, localOrigin: string | null): { url: string | null; localUrl: string | null } {
  const host = headerValue(request.headers, 'host');
  const seenHere = host ? `${request.tls && request.via === 'direct' ? 'https' : 'http'}://${host}${request.target}` : null;
  if (request.via === 'tunnel') {
    const base = request.publicBase ? request.publicBase.replace(/\/+$/, '') : null;
    return {
      url: base ? base + request.target : seenHere,
      localUrl: localOrigin ? localOrigin.replace(/\/+$/, '') + request.target : seenHere,
    };
  }
  return { url: seenHere, localUrl: seenHere };
}
