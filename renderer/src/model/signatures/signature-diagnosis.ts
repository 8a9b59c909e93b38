import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import type { SchemeName, SignatureCause } from '../../../../shared/api/signatures.js';
import { SIGNATURE_CAUSES } from '../../../../shared/api/signatures.js';
import type { FirstDifference } from '../../../../shared/inboundflow/reserialization.js';
import { SIGNATURE_VERDICTS, type SignatureVerdict } from '../common/signature-verdict.js';

/** The engine's verdict (shared/api/signatures.ts) as the Signature tab reads it. */
export interface SignatureDiagnosis {
  scheme: SchemeName;
  verdict: SignatureVerdict;
  cause: SignatureCause | null;
  reason: string;
  fix: string | null;
  steps: {
    signedStringPreview: string | null;
    signedStringLength: number | null;
    expected: string | null;
    /** The one received signature compared with `expected`. */
    received: string | null;
    /** The signature header as it arrived (several signatures, or t=…,v1=…). */
    receivedHeader: string | null;
    matchedSecretIndex: number | null;
  };
  /** Where the raw body parts from JSON.stringify(JSON.parse(body)). */
  firstDifference: FirstDifference | null;
  timestampAgeSeconds: number | null;
  /** Twilio: the public URL checked, and the URL as this machine saw it. */
  url: string | null;
  localUrl: string | null;
}

/** A short name for each cause, shown above the engine's full sentence. Typed by the shared list, so a new cause must get one. */
export const CAUSE_TITLES: Record<SignatureCause, string> = {
  signature_missing: 'No signature header',
  signature_malformed: 'Malformed signature header',
  other_scheme_header: "Another sender's signature",
  no_secret: 'No signing secret set here',
  secret_invalid: 'Secret is not whsec_ + base64',
  id_missing: 'No message id header',
  timestamp_missing: 'No timestamp header',
  timestamp_malformed: 'Timestamp is not unix seconds',
  timestamp_too_old: 'Timestamp too old',
  timestamp_too_new: 'Timestamp in the future',
  url_missing: 'No public URL to check',
  secret_whitespace: 'Secret pasted with whitespace',
  secret_sha256_prefix: 'Secret pasted with "sha256="',
  secret_not_base64_decoded: 'Secret used raw, not base64-decoded',
  secret_base64_decoded: 'Secret base64-decoded, should be raw',
  signed_payload_timestamp: 'Payload timestamp was signed',
  signed_reserialized_body: 'Body reformatted after signing',
  body_changed: 'Body changed after signing',
  signature_mismatch: 'Signature does not match',
  wrong_encoding: 'Hex and base64 mixed up',
  twilio_local_url: 'Checked against the local URL',
  twilio_url_port: 'URL port differs',
  twilio_url_trailing_slash: 'URL trailing slash differs',
  twilio_url_query: 'URL query differs',
  twilio_url_scheme: 'http:// instead of https://',
  template_value_missing: 'A templated value is missing',
  legacy_sha1_only: "GitHub's legacy SHA-1 header only",
  reserialized_body_differs: 'Raw body differs from JSON.stringify',
  previous_secret: 'Signed with a previous secret',
};

const SCHEME_LABELS: Record<SchemeName, string> = {
  inboundflow: 'InboundFlow',
  'standard-webhooks': 'Standard Webhooks',
  stripe: 'Stripe',
  github: 'GitHub',
  shopify: 'Shopify',
  slack: 'Slack',
  twilio: 'Twilio',
  custom: 'Custom HMAC',
};

export function schemeLabel(scheme: SchemeName): string {
  return SCHEME_LABELS[scheme];
}

function isCause(value: unknown): value is SignatureCause {
  return typeof value === 'string' && (SIGNATURE_CAUSES as readonly string[]).includes(value);
}

/** Narrows `record.signature` to what the Signature tab shows; null when there is no verdict. */
export function readSignatureDiagnosis(signature: DeliveryRecord['signature']): SignatureDiagnosis | null {
  if (!signature || !SIGNATURE_VERDICTS.includes(signature.verdict)) return null;
  const body = signature.body_difference;
  return {
    scheme: signature.scheme ?? 'inboundflow',
    verdict: signature.verdict,
    cause: isCause(signature.cause) ? signature.cause : null,
    reason: signature.reason,
    fix: signature.fix ?? null,
    steps: {
      signedStringPreview: signature.signed_string?.preview ?? null,
      signedStringLength: signature.signed_string?.length ?? null,
      expected: signature.expected ?? null,
      received: signature.received_signature ?? signature.received ?? null,
      receivedHeader: signature.received ?? null,
      matchedSecretIndex: signature.matched_secret ?? null,
    },
    firstDifference: body ? { offset: body.offset, raw: body.raw, reserialized: body.reserialized } : null,
    timestampAgeSeconds: signature.timestamp_age_seconds ?? null,
    url: signature.url ?? null,
    localUrl: signature.local_url ?? null,
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
