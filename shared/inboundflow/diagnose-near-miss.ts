import type { DiagnoseCause } from './diagnose-causes.js';
import type { FirstDifference } from './reserialization.js';
import { digestMatches, SIGNATURE_PREFIX } from './signature.js';

export interface NearMiss {
  cause: DiagnoseCause;
  secretIndex: number;
  reason: string;
}

/**
 * Step 6 of diagnose(): a signature that matches none of the secrets as configured, checked
 * against inputs that are each one common mistake away, commonest first. Each candidate
 * changes exactly one input and is tried against every secret, current first.
 */
export function findNearMiss(
  digest: Buffer,
  secrets: readonly string[],
  timestamp: string,
  rawBody: Buffer,
  parsedBody: unknown,
  reserialized: Buffer | null,
  difference: FirstDifference | null,
): NearMiss | null {
  const payloadTimestamp =
    typeof parsedBody === 'object' && parsedBody !== null && typeof (parsedBody as { timestamp?: unknown }).timestamp === 'string'
      ? (parsedBody as { timestamp: string }).timestamp
      : null;
  const candidates: Array<{ cause: DiagnoseCause; matches: (secret: string) => boolean; reason: string }> = [
    {
      cause: 'secret_whitespace',
      matches: (secret) => secret.trim() !== secret && digestMatches(digest, secret.trim(), timestamp, rawBody),
      reason: 'The signature matches once the spaces or line break around the configured secret are removed.',
    },
    {
      cause: 'secret_sha256_prefix',
      matches: (secret) =>
        secret.trim().startsWith(SIGNATURE_PREFIX) &&
        digestMatches(digest, secret.trim().slice(SIGNATURE_PREFIX.length), timestamp, rawBody),
      reason: 'The configured secret starts with "sha256="; without that prefix the signature matches.',
    },
    {
      cause: 'signed_payload_timestamp',
      matches: (secret) => payloadTimestamp !== null && digestMatches(digest, secret, payloadTimestamp, rawBody),
      reason: `The signature was computed over the payload's ISO timestamp (${payloadTimestamp ?? ''}) instead of the X-InboundFlow-Timestamp header (${timestamp}).`,
    },
    {
      cause: 'signed_reserialized_body',
      matches: (secret) => reserialized !== null && difference !== null && digestMatches(digest, secret, timestamp, reserialized),
      reason: `The signature matches JSON.stringify(JSON.parse(body)) but not the raw bytes that arrived (they differ from byte ${difference?.offset ?? 0}).`,
    },
  ];
  for (const candidate of candidates) {
    const secretIndex = secrets.findIndex(candidate.matches);
    if (secretIndex !== -1) return { cause: candidate.cause, secretIndex, reason: candidate.reason };
  }
  return null;
}
