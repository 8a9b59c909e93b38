import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import type { DiagnoseCause } from '../../../../shared/inboundflow/diagnose-causes.js';
import type { Diagnosis } from '../../../../shared/inboundflow/diagnose.js';
import type { FirstDifference } from '../../../../shared/inboundflow/reserialization.js';
import { SIGNATURE_VERDICTS, type SignatureVerdict } from '../common/signature-verdict.js';

/** The engine's diagnosis as the UI reads it: every field checked, absent ones null (records from older engines carry less). */
export interface SignatureDiagnosis {
  verdict: SignatureVerdict;
  cause: DiagnoseCause | null;
  reason: string;
  fix: string | null;
  steps: {
    signedStringPreview: string | null;
    signedStringLength: number | null;
    expected: string | null;
    received: string | null;
    matchedSecretIndex: number | null;
  };
  firstDifference: FirstDifference | null;
}

/** A short name for each cause, shown above the engine's full sentence. Typed by the shared list, so a new cause must get one. */
export const CAUSE_TITLES: Record<DiagnoseCause, string> = {
  signature_missing: 'No signature header',
  signature_malformed: 'Malformed signature header',
  no_secret: 'No signing secret set here',
  timestamp_missing: 'No timestamp header',
  timestamp_malformed: 'Timestamp is not unix seconds',
  timestamp_too_old: 'Timestamp too old',
  timestamp_too_new: 'Timestamp in the future',
  secret_whitespace: 'Secret pasted with whitespace',
  secret_sha256_prefix: 'Secret pasted with "sha256="',
  signed_payload_timestamp: 'Payload timestamp was signed',
  signed_reserialized_body: 'Body reformatted after signing',
  signature_mismatch: 'Signature does not match',
  reserialized_body_differs: 'Raw body differs from JSON.stringify',
  previous_secret: 'Signed with the previous secret',
};

type Loose = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function isCause(value: unknown): value is DiagnoseCause {
  return typeof value === 'string' && Object.hasOwn(CAUSE_TITLES, value);
}

function readDifference(value: unknown): FirstDifference | null {
  if (typeof value !== 'object' || value === null) return null;
  const { offset, raw, reserialized } = value as Loose;
  if (count(offset) === null || text(raw) === null || text(reserialized) === null) return null;
  return { offset: offset as number, raw: raw as string, reserialized: reserialized as string };
}

/** Narrows `record.signature` (the API passes the diagnosis through untyped) to what the Signature tab shows. */
export function readSignatureDiagnosis(signature: DeliveryRecord['signature']): SignatureDiagnosis | null {
  if (!signature || !SIGNATURE_VERDICTS.includes(signature.verdict)) return null;
  const loose = signature as Loose & Pick<Diagnosis, 'verdict' | 'reason'>;
  const steps = (typeof loose.steps === 'object' && loose.steps !== null ? loose.steps : {}) as Loose;
  return {
    verdict: loose.verdict,
    cause: isCause(loose.cause) ? loose.cause : null,
    reason: loose.reason,
    fix: text(loose.fix),
    steps: {
      signedStringPreview: text(steps.signedStringPreview),
      signedStringLength: count(steps.signedStringLength),
      expected: text(steps.expected),
      received: text(steps.received),
      matchedSecretIndex: count(steps.matchedSecretIndex),
    },
    firstDifference: readDifference(loose.firstDifference),
  };
}

/** Where two strings first part; null when they are equal. Equal to the shorter length when one is a prefix of the other. */
export function firstDifferingIndex(a: string, b: string): number | null {
  if (a === b) return null;
  const shorter = Math.min(a.length, b.length);
  let index = 0;
  while (index < shorter && a[index] === b[index]) index += 1;
  return index;
}

const ESCAPE = /^\\(?:[nrt]|u[0-9a-f]{4})/;

/**
 * A string cut at one character, so a view can mark it: before, the character (may be ''), after.
 * With `escapes`, an escape that escapeControl() wrote (\n, \r, \t, \u001f) is marked whole, since it stands for one byte.
 */
export function splitAt(value: string, index: number | null, { escapes = false } = {}): [string, string, string] {
  if (index === null || index >= value.length) return [value, '', ''];
  let start = index;
  let end = index + 1;
  if (escapes) {
    // The difference can fall on the letter after a shared backslash ("\n" against "\t").
    const from = start > 0 && value[start - 1] === '\\' && ESCAPE.test(value.slice(start - 1)) ? start - 1 : start;
    const escape = ESCAPE.exec(value.slice(from));
    if (escape) [start, end] = [from, from + escape[0].length];
  }
  return [value.slice(0, start), value.slice(start, end), value.slice(end)];
}

/** Text cut into plain runs and the escapes escapeControl() wrote, so a view can tell them apart. */
export function splitEscapes(text: string): { text: string; escape: boolean }[] {
  const parts: { text: string; escape: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(/\\(?:[nrt]|u[0-9a-f]{4})/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), escape: false });
    parts.push({ text: match[0], escape: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), escape: false });
  return parts;
}

/** The signed string preview split at its first '.', i.e. into the timestamp and the start of the body. */
export function splitSignedPreview(preview: string): { timestamp: string; body: string } {
  const dot = preview.indexOf('.');
  return dot === -1 ? { timestamp: '', body: preview } : { timestamp: preview.slice(0, dot), body: preview.slice(dot + 1) };
}
