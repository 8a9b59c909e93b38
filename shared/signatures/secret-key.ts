import { decodeDigest } from './encoding.js';

/** How a scheme turns the secret text into HMAC key bytes. */
export type SecretKind = 'text' | 'base64';

/** The prefix Stripe and Standard Webhooks put on their secrets. */
export const WHSEC_PREFIX = 'whsec_';

/**
 * The HMAC key of `secret`: its UTF-8 bytes ('text', as Stripe, GitHub, Slack… use it), or the
 * base64 after an optional whsec_ prefix ('base64', as Standard Webhooks does). Null when a
 * 'base64' secret is not base64.
 */
export function keyFromSecret(secret: string, kind: SecretKind): Buffer | null {
  const cacheKey = `${kind}:${secret}`;
  if (decodedKeys.has(cacheKey)) return decodedKeys.get(cacheKey)!;
  const key = kind === 'text' ? Buffer.from(secret, 'utf8') : decodeDigest(withoutWhsec(secret), 'base64');
  const usable = key && key.length > 0 ? key : kind === 'text' ? key : null;
  // Ingest verifies every delivery with the same few secrets: decode each once (bounded, oldest dropped first).
  if (decodedKeys.size >= DECODED_KEYS_KEPT) decodedKeys.delete(decodedKeys.keys().next().value!);
  decodedKeys.set(cacheKey, usable);
  return usable;
}

const DECODED_KEYS_KEPT = 64;
const decodedKeys = new Map<string, Buffer | null>();

export function withoutWhsec(secret: string): string {
  return secret.startsWith(WHSEC_PREFIX) ? secret.slice(WHSEC_PREFIX.length) : secret;
}

/**
 * The keys a signer gets by handling the secret the other way: the text itself where it should
 * have been base64-decoded, or the decoded bytes where the text was meant. Each is one mistake.
 */
export function mistakenKeys(secret: string, kind: SecretKind): Buffer[] {
  if (kind === 'base64') return [...new Set([secret, withoutWhsec(secret)])].map((text) => Buffer.from(text, 'utf8'));
  const decoded = decodeDigest(withoutWhsec(secret), 'base64');
  return decoded && decoded.length > 0 ? [decoded] : [];
}
