import type { Body } from '../../../shared/api/common.js';

/** The exact bytes that arrived, whichever way the API encoded them. */
export function bodyBytes(body: Body): Uint8Array {
  if (body.encoding === 'utf8') return new TextEncoder().encode(body.data);
  const binary = atob(body.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Text to show for a body; binary bodies are decoded leniently, invalid sequences become U+FFFD. */
export function bodyText(body: Body): string {
  if (body.encoding === 'utf8') return body.data;
  return new TextDecoder('utf-8', { fatal: false }).decode(bodyBytes(body));
}

export function isEmptyBody(body: Body): boolean {
  return body.size === 0 && body.data.length === 0;
}
