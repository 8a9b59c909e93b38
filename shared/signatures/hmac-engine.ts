import { headerValues } from '../inboundflow/headers.js';
import { type CommonCause, commonFix } from './causes.js';
import { detectSchemes, foreignSignatureShape } from './detect.js';
import { decodeDigest, encodeDigest, otherEncoding, sameBytes, sameText } from './encoding.js';
import { bodyDifference, reserializedBody, signatureDifference } from './first-difference.js';
import { bodyBytes, hmac } from './hmac.js';
import type { HmacSchemeSpec, SignedParts } from './hmac-scheme.js';
import type { CheckOptions, SchemeDiagnosis, SignatureScheme, SignatureVerdict, SignedRequest } from './scheme.js';
import { keyFromSecret, mistakenKeys } from './secret-key.js';
import { previewSigned } from './signed-string.js';
import { ageSeconds, describeSeconds } from './timestamp.js';

/** Turns a scheme's declaration into the common sign / verify / diagnose, none of which throws. */
export function createHmacScheme(spec: HmacSchemeSpec): SignatureScheme {
  return {
    name: spec.name,
    label: spec.label,
    signatureHeader: spec.signatureHeader,
    ...(spec.timestampHeader ? { timestampHeader: spec.timestampHeader } : {}),
    ...(spec.idHeader ? { idHeader: spec.idHeader } : {}),
    sign: (input) => {
      if (typeof input.secret !== 'string' || input.secret.length === 0) return { ok: false, reason: 'No signing secret was given.' };
      const key = keyFromSecret(input.secret, spec.secretKind);
      if (key === null) return { ok: false, reason: `The ${spec.label} secret must be whsec_ followed by base64.` };
      if (spec.tolerance !== null && !(Number.isSafeInteger(input.timestamp) && input.timestamp >= 0)) {
        return { ok: false, reason: `The timestamp must be unix seconds, got ${String(input.timestamp)}.` };
      }
      return spec.sign({ ...input, rawBody: bodyBytes(input.rawBody) }, key);
    },
    verify: (request, secret, options) => verifyOne(spec, normalize(request), secret, options),
    diagnose: (request, secrets, options) => diagnose(spec, normalize(request), secrets, options),
  };
}

function normalize(request: SignedRequest): SignedRequest {
  const rawBody = Buffer.isBuffer(request?.rawBody) ? request.rawBody : Buffer.from(String(request?.rawBody ?? ''), 'utf8');
  return { ...request, rawBody, headers: Array.isArray(request?.headers) ? request.headers : [] };
}

function toleranceOf(spec: HmacSchemeSpec, options: CheckOptions): number {
  return options.toleranceSeconds ?? spec.tolerance?.seconds ?? 0;
}

/** Index of the first key whose digest is among the received signatures, over any accepted signed string. */
function matchingKey(parts: SignedParts, keys: ReadonlyArray<Buffer | null>, body: Buffer, encoding: HmacSchemeSpec['encoding']): number {
  const signedStrings = [parts.signed(body), ...(parts.alsoAccepted ?? []).map((signed) => signed(body))];
  return keys.findIndex(
    (key) =>
      key !== null &&
      signedStrings.some((signed) => {
        const expected = encodeDigest(hmac(parts.algorithm, key, signed), encoding);
        return parts.signatures.some((received) => sameText(received, expected));
      }),
  );
}

/** Too old, or (where the sender refuses them) too far in the future: the sentence, else null. */
function toleranceProblem(
  spec: HmacSchemeSpec,
  parts: SignedParts,
  options: CheckOptions,
): { cause: CommonCause; reason: string; age: number } | null {
  if (spec.tolerance === null || parts.timestamp === null) return null;
  const tolerance = toleranceOf(spec, options);
  const age = ageSeconds(parts.timestamp, options.now);
  if (tolerance > 0 && age > tolerance) {
    return { cause: 'timestamp_too_old', reason: `the timestamp is ${describeSeconds(age)} old; the tolerance is ${tolerance} s.`, age };
  }
  if (tolerance > 0 && spec.tolerance.rejectsFuture && -age > tolerance) {
    const millis = parts.timestamp > 1e11 ? ' It looks like milliseconds; the header carries seconds.' : '';
    return {
      cause: 'timestamp_too_new',
      reason: `the timestamp is ${describeSeconds(-age)} in the future; the tolerance is ${tolerance} s.${millis}`,
      age,
    };
  }
  return null;
}

function verifyOne(spec: HmacSchemeSpec, request: SignedRequest, secret: string, options: CheckOptions) {
  const read = spec.read(request, options);
  if (read.kind === 'unsigned') return { ok: false as const, reason: `The delivery has no ${spec.signatureHeader} header.` };
  if (read.kind === 'unreadable') return { ok: false as const, reason: read.reason };
  const { parts } = read;
  if (typeof secret !== 'string' || secret.length === 0) return { ok: false as const, reason: 'No signing secret was given.' };
  const key = keyFromSecret(secret, spec.secretKind);
  if (key === null) return { ok: false as const, reason: `The ${spec.label} secret must be whsec_ followed by base64.` };
  if (parts.problem) return { ok: false as const, reason: parts.problem.reason };
  if (matchingKey(parts, [key], request.rawBody, spec.encoding) === -1) {
    return { ok: false as const, reason: `The signature does not match this secret over what ${spec.label} signs.` };
  }
  if (parts.bodyMatches && !parts.bodyMatches(request.rawBody)) {
    return { ok: false as const, reason: 'The body does not have the hash that was signed.' };
  }
  const late = toleranceProblem(spec, parts, options);
  return late ? { ok: false as const, reason: `The signature is authentic, but ${late.reason}` } : { ok: true as const };
}

function diagnose(spec: HmacSchemeSpec, request: SignedRequest, givenSecrets: readonly string[], options: CheckOptions): SchemeDiagnosis {
  const { rawBody, headers } = request;
  const secrets = (givenSecrets ?? []).filter((secret) => typeof secret === 'string' && secret.length > 0);
  const reserialized = reserializedBody(rawBody);
  const result: SchemeDiagnosis = {
    scheme: spec.name,
    verdict: 'invalid',
    cause: null,
    reason: '',
    fix: null,
    signedString: null,
    expected: null,
    received: null,
    receivedSignature: null,
    signatureDifference: null,
    bodyDifference: bodyDifference(rawBody, reserialized),
    matchedSecretIndex: null,
    timestampAgeSeconds: null,
  };
  const conclude = (verdict: SignatureVerdict, cause: CommonCause | null, reason: string): SchemeDiagnosis => {
    result.signatureDifference = signatureDifference(result.expected, result.receivedSignature);
    return { ...result, verdict, cause, reason, fix: cause === null ? null : commonFix(cause, spec) };
  };

  const read = spec.read(request, options);
  if (read.kind === 'unsigned') {
    const other = detectSchemes(headers).find(({ scheme }) => scheme !== spec.name);
    if (other) {
      result.received = headerValues(headers, other.header).join(', ');
      return conclude(
        'invalid',
        'other_scheme_header',
        `The delivery has no ${spec.signatureHeader} header, but it has ${other.header}: it is signed with another sender's scheme (${other.scheme}).`,
      );
    }
    const configured = secrets.length > 0 ? ', although a signing secret is configured here' : '';
    return conclude('unsigned', 'signature_missing', `The delivery has no ${spec.signatureHeader} header${configured}.`);
  }
  if (read.kind === 'unreadable') {
    result.received = read.received;
    const foreign = read.cause === 'signature_malformed' && read.received ? foreignSignatureShape(read.received, spec.name) : null;
    if (foreign) {
      return conclude('invalid', 'other_scheme_header', `${spec.signatureHeader} holds ${foreign}, not ${spec.format}.`);
    }
    return conclude('invalid', read.cause, read.reason);
  }

  const { parts } = read;
  result.received = parts.received;
  result.receivedSignature = parts.signatures.length > 0 ? parts.format(parts.signatures[0]) : null;
  if (secrets.length === 0) {
    return conclude(
      'no_secret',
      'no_secret',
      `The delivery is signed, but no ${spec.label} signing secret is configured here to check it with.`,
    );
  }
  const keys = secrets.map((secret) => keyFromSecret(secret, spec.secretKind));
  // A whitespace-padded base64 secret gives no key, yet its diagnosis is the whitespace.
  const firstKey = [...keys, ...secrets.map((secret) => keyFromSecret(secret.trim(), spec.secretKind))].find(
    (key): key is Buffer => key !== null,
  );
  if (firstKey === undefined) {
    return conclude('invalid', 'secret_invalid', `The configured secret is not whsec_ followed by base64, so it gives no key.`);
  }
  if (parts.problem) return conclude('invalid', parts.problem.cause, parts.problem.reason);

  const signed = parts.signed(rawBody);
  const digestWith = (key: Buffer, body = rawBody) => hmac(parts.algorithm, key, parts.signed(body));
  result.signedString = previewSigned(signed);
  result.expected = parts.format(encodeDigest(digestWith(firstKey), spec.encoding));
  if (parts.timestamp !== null) result.timestampAgeSeconds = ageSeconds(parts.timestamp, options.now);

  const matched = matchingKey(parts, keys, rawBody, spec.encoding);
  if (matched !== -1) {
    result.matchedSecretIndex = matched;
    result.expected = parts.format(encodeDigest(digestWith(keys[matched] as Buffer), spec.encoding));
    const authentic = `The signature is authentic${matched > 0 ? ` (previous secret #${matched})` : ''}`;
    if (parts.bodyMatches && !parts.bodyMatches(rawBody)) {
      if (reserialized && parts.bodyMatches(reserialized) && result.bodyDifference) {
        return conclude(
          'invalid',
          'signed_reserialized_body',
          `${authentic}, but the signed body hash is that of JSON.stringify(JSON.parse(body)), not of the raw bytes that arrived (they differ from byte ${result.bodyDifference.offset}).`,
        );
      }
      return conclude(
        'invalid',
        'body_changed',
        `${authentic} for its URL, but the body does not have the hash that was signed: it changed after signing.`,
      );
    }
    const late = toleranceProblem(spec, parts, options);
    if (late) return conclude('invalid', late.cause, `${authentic}, but ${late.reason}`);
    const whichSecret = matched > 0 ? `the previous secret (#${matched}), not the current one` : 'the current secret';
    if (parts.validNote) return conclude('valid', parts.validNote.cause, parts.validNote.reason);
    if (result.bodyDifference) {
      return conclude(
        'valid',
        'reserialized_body_differs',
        `The signature matches ${whichSecret} over the raw body. But the body is not in JSON.stringify form (first difference at byte ${result.bodyDifference.offset}), so a handler that verifies JSON.stringify(req.body) will reject it.`,
      );
    }
    if (matched > 0) return conclude('valid', 'previous_secret', `The signature matches ${whichSecret}.`);
    const within = parts.timestamp !== null && spec.tolerance !== null ? `, within ${toleranceOf(spec, options)} s` : '';
    return conclude('valid', null, `The signature matches the current secret${within}.`);
  }

  const nearMiss = findNearMiss(spec, parts, secrets, keys, rawBody, reserialized);
  if (nearMiss) {
    result.matchedSecretIndex = nearMiss.secretIndex;
    return conclude('invalid', nearMiss.cause, nearMiss.reason);
  }
  const against = secrets.length > 1 ? `any of the ${secrets.length} secrets` : 'this secret';
  const hint = parts.mismatchHint ? ` ${parts.mismatchHint}` : '';
  return conclude('invalid', 'signature_mismatch', `The signature does not match ${against} over what ${spec.label} signs.${hint}`);
}

interface NearMiss {
  cause: CommonCause;
  secretIndex: number;
  reason: string;
}

/**
 * A signature that matches none of the secrets as configured, tried against inputs that are each
 * one common mistake away, commonest first. Each changes exactly one thing.
 */
function findNearMiss(
  spec: HmacSchemeSpec,
  parts: SignedParts,
  secrets: readonly string[],
  keys: ReadonlyArray<Buffer | null>,
  rawBody: Buffer,
  reserialized: Buffer | null,
): NearMiss | null {
  const signed = parts.signed(rawBody);
  const digestOver = (key: Buffer, bytes: Buffer) => hmac(parts.algorithm, key, bytes);
  const matchesDigest = (digest: Buffer) => parts.signatures.some((received) => sameText(received, encodeDigest(digest, spec.encoding)));
  const firstSecret = (test: (secret: string, key: Buffer | null) => boolean) => secrets.findIndex((secret, i) => test(secret, keys[i]));
  const other = otherEncoding(spec.encoding);

  const encodingMiss = firstSecret((_secret, key) => {
    if (key === null) return false;
    const digest = digestOver(key, signed);
    return parts.signatures.some((received) => {
      const asOther = decodeDigest(received, other);
      const caseless = spec.encoding === 'hex' ? decodeDigest(received, 'hex') : null;
      return (
        (asOther !== null && sameBytes(asOther, digest)) ||
        (caseless !== null && received !== received.toLowerCase() && sameBytes(caseless, digest))
      );
    });
  });
  if (encodingMiss !== -1) {
    return {
      cause: 'wrong_encoding',
      secretIndex: encodingMiss,
      reason: `The signature is the right HMAC, but written in ${spec.encoding === 'hex' ? 'base64 or upper-case hex' : 'hex'}; ${spec.label} writes it in ${spec.encoding === 'hex' ? 'lower-case hex' : 'base64'}.`,
    };
  }

  const candidates: Array<{ cause: CommonCause; reason: string; matches: (secret: string, key: Buffer | null) => boolean }> = [
    {
      cause: 'secret_whitespace',
      reason: 'The signature matches once the spaces or line break around the configured secret are removed.',
      matches: (secret) => {
        const trimmed = secret.trim() !== secret ? keyFromSecret(secret.trim(), spec.secretKind) : null;
        return trimmed !== null && matchesDigest(digestOver(trimmed, signed));
      },
    },
    spec.secretKind === 'base64'
      ? {
          cause: 'secret_not_base64_decoded',
          reason:
            'The signature was made with the secret text as the key; Standard Webhooks keys are the base64-decoded bytes after whsec_.',
          matches: (secret) => mistakenKeys(secret, 'base64').some((key) => matchesDigest(digestOver(key, signed))),
        }
      : {
          cause: 'secret_base64_decoded',
          reason: `The signature was made with the base64-decoded secret as the key (as Standard Webhooks does); ${spec.label} uses the secret text itself.`,
          matches: (secret) => mistakenKeys(secret, 'text').some((key) => matchesDigest(digestOver(key, signed))),
        },
    ...(parts.alternatives ?? []).map((alternative) => ({
      cause: alternative.cause,
      reason: alternative.reason,
      matches: (_secret: string, key: Buffer | null) => key !== null && matchesDigest(digestOver(key, alternative.signed(rawBody))),
    })),
    {
      cause: 'signed_reserialized_body',
      reason: `The signature matches JSON.stringify(JSON.parse(body)) but not the raw bytes that arrived.`,
      matches: (_secret, key) =>
        key !== null &&
        reserialized !== null &&
        !reserialized.equals(rawBody) &&
        matchesDigest(digestOver(key, parts.signed(reserialized))),
    },
  ];
  for (const candidate of candidates) {
    const secretIndex = firstSecret(candidate.matches);
    if (secretIndex !== -1) return { cause: candidate.cause, secretIndex, reason: candidate.reason };
  }
  return null;
}
