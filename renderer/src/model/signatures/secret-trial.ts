import { headerValues, INBOUNDFLOW_HEADERS, type HeaderPairs } from '../../../../shared/inboundflow/headers.js';

/**
 * "Is this the secret that signed this delivery?", answered in the browser with WebCrypto, so a
 * secret can be tried before it is saved, and is never sent anywhere. The shared diagnose() cannot
 * run here (it is synchronous over node:crypto and Buffer); the engine runs it on arrival. This
 * answers only the secret's part of it: HMAC-SHA256 of "<timestamp>.<raw body>" with the secret as
 * typed, then as it would be after the two common paste mistakes are undone.
 */

export type SecretTrial =
  /** The secret as typed gives the received signature. */
  | { kind: 'match'; secret: string }
  /** It matches once a paste mistake is undone; `secret` is the corrected one to save. */
  | { kind: 'match_corrected'; secret: string; mistake: 'whitespace' | 'sha256_prefix' }
  | { kind: 'no_match'; expected: string; received: string }
  | { kind: 'cannot_check'; reason: string };

export interface SecretTrialInput {
  body: Uint8Array;
  headers: HeaderPairs;
  secret: string;
}

const SIGNATURE_PATTERN = /^sha256=[0-9a-f]{64}$/;
const TIMESTAMP_PATTERN = /^\d{1,15}$/;
const PREFIX = 'sha256=';

/** The exact bytes InboundFlow signs: the timestamp header, '.', then the body bytes unchanged. */
export function signedMessage(timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const head = new TextEncoder().encode(`${timestamp}.`);
  const message = new Uint8Array(head.length + body.length);
  message.set(head, 0);
  message.set(body, head.length);
  return message;
}

/** "sha256=" + lower-case hex HMAC-SHA256, as X-InboundFlow-Signature carries it. */
export async function signatureFor(subtle: SubtleCrypto, secret: string, message: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await subtle.sign('HMAC', key, message));
  return PREFIX + Array.from(mac, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function trySecret(
  input: SecretTrialInput,
  subtle: SubtleCrypto | null = globalThis.crypto?.subtle ?? null,
): Promise<SecretTrial> {
  if (!subtle) return { kind: 'cannot_check', reason: 'This window cannot compute HMACs (WebCrypto is unavailable here).' };
  if (input.secret.length === 0) return { kind: 'cannot_check', reason: 'Type a secret to try.' };
  const signatures = headerValues(input.headers, INBOUNDFLOW_HEADERS.signature);
  if (signatures.length !== 1 || !SIGNATURE_PATTERN.test(signatures[0])) {
    return { kind: 'cannot_check', reason: 'The delivery has no single well-formed X-InboundFlow-Signature to compare with.' };
  }
  const timestamps = headerValues(input.headers, INBOUNDFLOW_HEADERS.timestamp);
  if (timestamps.length !== 1 || !TIMESTAMP_PATTERN.test(timestamps[0])) {
    return {
      kind: 'cannot_check',
      reason: 'The delivery has no single X-InboundFlow-Timestamp in unix seconds, and the timestamp is part of what is signed.',
    };
  }
  const received = signatures[0];
  const message = signedMessage(timestamps[0], input.body);

  const expected = await signatureFor(subtle, input.secret, message);
  if (expected === received) return { kind: 'match', secret: input.secret };
  const trimmed = input.secret.trim();
  if (trimmed !== input.secret && trimmed.length > 0 && (await signatureFor(subtle, trimmed, message)) === received) {
    return { kind: 'match_corrected', secret: trimmed, mistake: 'whitespace' };
  }
  const unprefixed = trimmed.startsWith(PREFIX) ? trimmed.slice(PREFIX.length) : '';
  if (unprefixed.length > 0 && (await signatureFor(subtle, unprefixed, message)) === received) {
    return { kind: 'match_corrected', secret: unprefixed, mistake: 'sha256_prefix' };
  }
  return { kind: 'no_match', expected, received };
}

/** How a stored secret looks, without showing it: its first characters, its length, and paste mistakes it carries. */
export function describeSecret(secret: string): { hint: string; length: number; problems: string[] } {
  const problems: string[] = [];
  if (/^\s/.test(secret)) problems.push('starts with whitespace');
  if (/[\r\n]$/.test(secret)) problems.push('ends with a line break');
  else if (/\s$/.test(secret)) problems.push('ends with whitespace');
  if (secret.trim().startsWith(PREFIX)) problems.push('starts with "sha256="');
  const visible = secret.trim().slice(0, 4);
  return { hint: `${visible}…`, length: [...secret].length, problems };
}
