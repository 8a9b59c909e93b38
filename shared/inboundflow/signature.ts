import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * InboundFlow's signing scheme: X-InboundFlow-Signature = "sha256=" + hex HMAC-SHA256(secret,
 * "<X-InboundFlow-Timestamp>.<raw body>"). The body is signed as raw bytes, never re-serialized.
 * Nothing here throws: bad input comes back as a reason a user can act on.
 */

export const SIGNATURE_PREFIX = 'sha256=';
const DIGEST_HEX_LENGTH = 64;

export type RawBody = Buffer | Uint8Array | string;

/** The exact bytes that are signed: the timestamp as text, '.', then the body bytes unchanged. */
export function signedBytes(timestamp: string | number, rawBody: RawBody): Buffer {
  const body =
    typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  return Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), body]);
}

/**
 * HMAC-SHA256 over signedBytes, fed in two parts so the body is never copied. A sender signing many
 * deliveries with one secret passes it once as a KeyObject (createSecretKey).
 */
export function hmacDigest(secret: string | KeyObject, timestamp: string | number, rawBody: RawBody): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest();
}

/** The header value a sender puts in X-InboundFlow-Signature. */
export function sign(secret: string | KeyObject, timestamp: string | number, rawBody: RawBody): string {
  return SIGNATURE_PREFIX + hmacDigest(secret, timestamp, rawBody).toString('hex');
}

export type ParsedSignature = { ok: true; digest: Buffer } | { ok: false; reason: string };

/** Reads "sha256=<64 lower-case hex digits>" into the 32 digest bytes. */
export function parseSignatureHeader(value: unknown): ParsedSignature {
  if (typeof value !== 'string' || value.length === 0) {
    return { ok: false, reason: 'The signature is empty; expected sha256=<64 hex digits>.' };
  }
  if (!value.startsWith(SIGNATURE_PREFIX)) {
    const bareHex = /^[0-9a-f]{64}$/i.test(value);
    return {
      ok: false,
      reason: bareHex
        ? 'The signature lacks the "sha256=" prefix; expected sha256=<64 hex digits>.'
        : `The signature does not start with "sha256=" (it starts with ${JSON.stringify(value.slice(0, 10))}).`,
    };
  }
  const hex = value.slice(SIGNATURE_PREFIX.length);
  const badAt = hex.search(/[^0-9a-f]/);
  if (badAt !== -1) {
    // Lower case only, as digest('hex') writes it: one signature has one spelling, so no byte of it can change unnoticed.
    const upper = /[A-F]/.test(hex[badAt]) ? ' (upper-case hex; InboundFlow sends lower case)' : '';
    return {
      ok: false,
      reason: `The signature has a non-hex character ${JSON.stringify(hex[badAt])} at position ${SIGNATURE_PREFIX.length + badAt}${upper}.`,
    };
  }
  if (hex.length !== DIGEST_HEX_LENGTH) {
    return {
      ok: false,
      reason: `The signature has ${hex.length} hex digits after "sha256="; an HMAC-SHA256 digest has ${DIGEST_HEX_LENGTH}.`,
    };
  }
  return { ok: true, digest: Buffer.from(hex, 'hex') };
}

/** Constant-time comparison of a parsed digest with the one this secret produces. */
export function digestMatches(digest: Buffer, secret: string, timestamp: string | number, rawBody: RawBody): boolean {
  const expected = hmacDigest(secret, timestamp, rawBody);
  // parseSignatureHeader guarantees 32 bytes; the length check keeps timingSafeEqual from throwing regardless.
  return expected.length === digest.length && timingSafeEqual(expected, digest);
}

export interface VerifyInput {
  secret: string;
  timestamp: string | number;
  signature: string;
  rawBody: RawBody;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Checks one signature against one secret over the raw body. Tolerance is diagnose()'s job. */
export function verify({ secret, timestamp, signature, rawBody }: VerifyInput): VerifyResult {
  if (typeof secret !== 'string' || secret.length === 0) {
    return { ok: false, reason: 'No signing secret was given, so the signature cannot be checked.' };
  }
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') {
    return { ok: false, reason: 'The timestamp is missing; it is part of what is signed.' };
  }
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    return { ok: false, reason: 'The body must be the raw bytes (Buffer) or text that was received.' };
  }
  const parsed = parseSignatureHeader(signature);
  if (!parsed.ok) return parsed;
  return digestMatches(parsed.digest, secret, timestamp, rawBody)
    ? { ok: true }
    : { ok: false, reason: 'The signature does not match this secret, timestamp and body.' };
}
