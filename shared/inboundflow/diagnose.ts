import { DIAGNOSE_FIXES, type DiagnoseCause } from './diagnose-causes.js';
import { findNearMiss } from './diagnose-near-miss.js';
import { type HeaderPairs, headerValues, INBOUNDFLOW_HEADERS } from './headers.js';
import { escapeControl, type FirstDifference, firstDifference, parseJsonBody } from './reserialization.js';
import { digestMatches, parseSignatureHeader, sign, signedBytes } from './signature.js';

export type SignatureVerdict = 'valid' | 'invalid' | 'unsigned' | 'no_secret';

export interface DiagnoseInput {
  rawBody: Buffer;
  /** `[name, value]` pairs as they arrived; names match in any case. */
  headers: HeaderPairs;
  /** The current secret first, then the previous one while a rotation is under way. */
  secrets: readonly string[];
  now?: Date;
  toleranceSeconds?: number;
}

export interface DiagnoseSteps {
  /** "<timestamp>.<start of body>", one line, for showing what was signed. */
  signedStringPreview: string | null;
  signedStringLength: number | null;
  /** The signature the matched secret (else the current one) gives over the raw body. */
  expected: string | null;
  /** The X-InboundFlow-Signature header as received (duplicates joined with ", "). */
  received: string | null;
  matchedSecretIndex?: number;
}

export interface Diagnosis {
  verdict: SignatureVerdict;
  /** What explains the verdict; null only for a clean valid signature. */
  cause: DiagnoseCause | null;
  reason: string;
  fix: string | null;
  steps: DiagnoseSteps;
  /** Where the raw body parts from JSON.stringify(JSON.parse(body)), when it does. */
  firstDifference?: FirstDifference;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;
const PREVIEW_BODY_BYTES = 120;

/**
 * Explains a delivery's signature. Checks run in this order, so the most likely real cause wins:
 *  1. no signature header → unsigned (nothing else can be checked; the usual unsigned integration);
 *  2. duplicated or malformed signature header (certain, and nothing can be compared);
 *  3. no secret configured → no_secret;
 *  4. timestamp header missing or not unix seconds (it is part of what is signed);
 *  5. raw-body HMAC with each secret, current first. On a match the signature is authentic, so the
 *     only thing left to fail is the tolerance (replayed capture or skewed clock); a valid result
 *     still warns when a re-serializing handler would fail, or when the previous secret matched;
 *  6. near misses, each one change away from what was checked, commonest first: secret pasted
 *     with whitespace, secret pasted with "sha256=", payload ISO timestamp signed instead of the
 *     header, body reformatted after signing;
 *  7. otherwise: the signature does not match this secret.
 * The tolerance is not checked for mismatches: a fresh timestamp would not make them valid.
 */
export function diagnose(input: DiagnoseInput): Diagnosis {
  const rawBody = Buffer.isBuffer(input.rawBody) ? input.rawBody : Buffer.from(String(input.rawBody ?? ''), 'utf8');
  const headers = Array.isArray(input.headers) ? input.headers : [];
  const secrets = (input.secrets ?? []).filter((secret) => typeof secret === 'string' && secret.length > 0);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowMs = input.now && Number.isFinite(input.now.getTime()) ? input.now.getTime() : Date.now();

  const signatures = headerValues(headers, INBOUNDFLOW_HEADERS.signature);
  const timestamps = headerValues(headers, INBOUNDFLOW_HEADERS.timestamp);
  const timestamp = timestamps.length === 1 && /^\d{1,15}$/.test(timestamps[0]) ? timestamps[0] : null;
  const parsedBody = parseJsonBody(rawBody);
  const reserialized = parsedBody === undefined ? null : Buffer.from(JSON.stringify(parsedBody), 'utf8');
  const difference = reserialized ? firstDifference(rawBody, reserialized) : null;

  const steps: DiagnoseSteps = {
    signedStringPreview: timestamp === null ? null : preview(timestamp, rawBody),
    signedStringLength: timestamp === null ? null : signedBytes(timestamp, rawBody).length,
    expected: timestamp === null || secrets.length === 0 ? null : sign(secrets[0], timestamp, rawBody),
    received: signatures.length > 0 ? signatures.join(', ') : null,
  };
  const conclude = (verdict: SignatureVerdict, cause: DiagnoseCause | null, reason: string): Diagnosis => ({
    verdict,
    cause,
    reason,
    fix: cause === null ? null : DIAGNOSE_FIXES[cause],
    steps,
    ...(difference ? { firstDifference: difference } : {}),
  });

  if (signatures.length === 0) {
    const configured = secrets.length > 0 ? ', although a signing secret is configured here' : '';
    return conclude('unsigned', 'signature_missing', `The delivery has no X-InboundFlow-Signature header${configured}.`);
  }
  if (signatures.length > 1) {
    return conclude(
      'invalid',
      'signature_malformed',
      `X-InboundFlow-Signature arrived ${signatures.length} times; exactly one is expected.`,
    );
  }
  const parsed = parseSignatureHeader(signatures[0]);
  if (!parsed.ok) return conclude('invalid', 'signature_malformed', parsed.reason);
  if (secrets.length === 0) {
    return conclude('no_secret', 'no_secret', 'The delivery is signed, but no signing secret is configured here to check it with.');
  }
  if (timestamps.length === 0) {
    return conclude(
      'invalid',
      'timestamp_missing',
      'The delivery has no X-InboundFlow-Timestamp header, and the timestamp is part of what is signed.',
    );
  }
  if (timestamp === null) return conclude('invalid', 'timestamp_malformed', describeBadTimestamp(timestamps));

  const matched = secrets.findIndex((secret) => digestMatches(parsed.digest, secret, timestamp, rawBody));
  if (matched !== -1) {
    steps.expected = sign(secrets[matched], timestamp, rawBody);
    steps.matchedSecretIndex = matched;
    const ageSeconds = Math.floor(nowMs / 1000) - Number(timestamp);
    const authentic = `The signature is authentic${matched > 0 ? ' (previous secret)' : ''}, but`;
    if (ageSeconds > tolerance) {
      return conclude(
        'invalid',
        'timestamp_too_old',
        `${authentic} the timestamp is ${describeSeconds(ageSeconds)} old; the tolerance is ${tolerance} s.`,
      );
    }
    if (-ageSeconds > tolerance) {
      const millis = Number(timestamp) > 1e11 ? ' It looks like milliseconds; the header carries seconds.' : '';
      return conclude(
        'invalid',
        'timestamp_too_new',
        `${authentic} the timestamp is ${describeSeconds(-ageSeconds)} in the future; the tolerance is ${tolerance} s.${millis}`,
      );
    }
    const whichSecret = matched > 0 ? `the previous secret (#${matched}), not the current one` : 'the current secret';
    if (difference) {
      return conclude(
        'valid',
        'reserialized_body_differs',
        `The signature matches ${whichSecret} over the raw body. But the body is not in JSON.stringify form (first difference at byte ${difference.offset}), so a handler that verifies JSON.stringify(req.body), like the docs' sample, will reject it.`,
      );
    }
    if (matched > 0) return conclude('valid', 'previous_secret', `The signature matches ${whichSecret}.`);
    return conclude('valid', null, `The signature matches the current secret over the raw body, within ${tolerance} s.`);
  }

  const nearMiss = findNearMiss(parsed.digest, secrets, timestamp, rawBody, parsedBody, reserialized, difference);
  if (nearMiss) {
    steps.matchedSecretIndex = nearMiss.secretIndex;
    return conclude('invalid', nearMiss.cause, nearMiss.reason);
  }
  const against = secrets.length > 1 ? `any of the ${secrets.length} secrets` : 'this secret';
  return conclude('invalid', 'signature_mismatch', `The signature does not match ${against} over "<timestamp>.<raw body>".`);
}

function describeBadTimestamp(values: readonly string[]): string {
  if (values.length > 1) return `X-InboundFlow-Timestamp arrived ${values.length} times; exactly one is expected.`;
  const value = values[0];
  if (!Number.isNaN(Date.parse(value)) && /\d{4}-\d{2}-\d{2}/.test(value)) {
    return `X-InboundFlow-Timestamp is a date (${JSON.stringify(value)}); it must be unix time in seconds.`;
  }
  return `X-InboundFlow-Timestamp is ${JSON.stringify(value.slice(0, 40))}, not unix time in whole seconds.`;
}

function describeSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const human = minutes < 120 ? `${minutes} min` : minutes < 2880 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 1440)} days`;
  return `${seconds} s (about ${human})`;
}

function preview(timestamp: string, rawBody: Buffer): string {
  const head = escapeControl(rawBody.subarray(0, PREVIEW_BODY_BYTES).toString('utf8'));
  return `${timestamp}.${head}${rawBody.length > PREVIEW_BODY_BYTES ? '…' : ''}`;
}
