import { SchemeVerdict } from '../api/signatures.js';
import type { FirstDifference } from '../inboundflow/reserialization.js';
import type { SchemeDiagnosis } from './scheme.js';

type Loose = Record<string, unknown>;

/** A scheme's diagnosis in the stored and API form (the contract in shared/api/signatures.ts). */
export function schemeVerdictOf(diagnosis: SchemeDiagnosis, urls: { url?: string | null; localUrl?: string | null } = {}): SchemeVerdict {
  const difference = diagnosis.signatureDifference;
  return {
    scheme: diagnosis.scheme,
    verdict: diagnosis.verdict,
    matched_secret: diagnosis.matchedSecretIndex,
    signed_string: diagnosis.signedString,
    expected: diagnosis.expected,
    received: diagnosis.received,
    received_signature: diagnosis.receivedSignature,
    // signatureDifference() compares expected (its `raw`) with the received signature (its `reserialized`).
    first_difference: difference ? { offset: difference.offset, expected: difference.raw, received: difference.reserialized } : null,
    body_difference: diagnosis.bodyDifference,
    timestamp_age_seconds: diagnosis.timestampAgeSeconds,
    cause: diagnosis.cause,
    reason: diagnosis.reason,
    fix: diagnosis.fix,
    ...(urls.url !== undefined ? { url: urls.url } : {}),
    ...(urls.localUrl !== undefined ? { local_url: urls.localUrl } : {}),
  };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function legacyDifference(value: unknown): FirstDifference | null {
  const { offset, raw, reserialized } = (typeof value === 'object' && value !== null ? value : {}) as Loose;
  return count(offset) !== null && text(raw) !== null && text(reserialized) !== null
    ? { offset: offset as number, raw: raw as string, reserialized: reserialized as string }
    : null;
}

/**
 * A stored signature verdict as the contract: the current form as it is, or an InboundFlow
 * diagnosis stored before schemes existed (camelCase `steps`), reshaped. Null for anything else.
 */
export function storedSchemeVerdict(value: unknown): SchemeVerdict | null {
  const current = SchemeVerdict.safeParse(value);
  if (current.success) return current.data;
  if (typeof value !== 'object' || value === null) return null;
  const legacy = value as Loose;
  const steps = (typeof legacy.steps === 'object' && legacy.steps !== null ? legacy.steps : {}) as Loose;
  const preview = text(steps.signedStringPreview);
  const expected = text(steps.expected);
  const received = text(steps.received);
  const reshaped = SchemeVerdict.safeParse({
    scheme: 'inboundflow',
    verdict: legacy.verdict,
    matched_secret: count(steps.matchedSecretIndex),
    signed_string: preview === null ? null : { preview, length: count(steps.signedStringLength) ?? 0 },
    expected,
    received,
    received_signature: received,
    first_difference: null,
    body_difference: legacyDifference(legacy.firstDifference),
    timestamp_age_seconds: null,
    cause: legacy.cause ?? null,
    reason: text(legacy.reason) ?? '',
    fix: text(legacy.fix),
  });
  return reshaped.success ? reshaped.data : null;
}
