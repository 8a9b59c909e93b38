import { diagnose as diagnoseInboundFlow } from '../inboundflow/diagnose.js';
import { INBOUNDFLOW_HEADERS } from '../inboundflow/headers.js';
import { sign as signInboundFlow, signedBytes } from '../inboundflow/signature.js';
import { commonFix } from './causes.js';
import { detectSchemes } from './detect.js';
import { signatureDifference } from './first-difference.js';
import { bodyBytes } from './hmac.js';
import type { SchemeDiagnosis, SignatureScheme } from './scheme.js';
import { headerValues } from './header-read.js';

const LABEL = 'InboundFlow';

/**
 * InboundFlow's own module (shared/inboundflow/) seen through the common interface, unchanged:
 * its diagnosis keeps its steps and causes; this only reshapes the result, and says so when an
 * unsigned delivery carries another sender's signature.
 */
export const inboundflowScheme: SignatureScheme = {
  name: 'inboundflow',
  label: LABEL,
  signatureHeader: INBOUNDFLOW_HEADERS.signature,
  timestampHeader: INBOUNDFLOW_HEADERS.timestamp,
  sign: (input) => {
    if (typeof input.secret !== 'string' || input.secret.length === 0) return { ok: false, reason: 'No signing secret was given.' };
    if (!(Number.isSafeInteger(input.timestamp) && input.timestamp >= 0)) {
      return { ok: false, reason: `The timestamp must be unix seconds, got ${String(input.timestamp)}.` };
    }
    const body = bodyBytes(input.rawBody);
    return {
      ok: true,
      headers: [
        [INBOUNDFLOW_HEADERS.timestamp, String(input.timestamp)],
        [INBOUNDFLOW_HEADERS.signature, signInboundFlow(input.secret, input.timestamp, body)],
      ],
      signedString: signedBytes(input.timestamp, body).toString('utf8'),
    };
  },
  verify: (request, secret, options) => {
    const diagnosis = inboundflowScheme.diagnose(request, [secret], options);
    return diagnosis.verdict === 'valid' ? { ok: true } : { ok: false, reason: diagnosis.reason };
  },
  diagnose: (request, secrets, options) => {
    const headers = Array.isArray(request?.headers) ? request.headers : [];
    const found = diagnoseInboundFlow({
      rawBody: request?.rawBody,
      headers,
      secrets,
      now: options.now,
      toleranceSeconds: options.toleranceSeconds,
    });
    const { steps } = found;
    const base: SchemeDiagnosis = {
      scheme: 'inboundflow',
      verdict: found.verdict,
      cause: found.cause,
      reason: found.reason,
      fix: found.fix,
      signedString:
        steps.signedStringPreview === null ? null : { preview: steps.signedStringPreview, length: steps.signedStringLength ?? 0 },
      expected: steps.expected,
      received: steps.received,
      receivedSignature: steps.received,
      signatureDifference: signatureDifference(steps.expected, steps.received),
      bodyDifference: found.firstDifference ?? null,
      matchedSecretIndex: steps.matchedSecretIndex ?? null,
      timestampAgeSeconds: timestampAge(headers, options.now),
    };
    const other = found.cause === 'signature_missing' ? detectSchemes(headers).find(({ scheme }) => scheme !== 'inboundflow') : undefined;
    if (!other) return base;
    return {
      ...base,
      verdict: 'invalid',
      cause: 'other_scheme_header',
      received: headerValues(headers, other.header).join(', '),
      reason: `The delivery has no ${INBOUNDFLOW_HEADERS.signature} header, but it has ${other.header}: it is signed with another sender's scheme (${other.scheme}).`,
      fix: commonFix('other_scheme_header', {
        label: LABEL,
        signatureHeader: INBOUNDFLOW_HEADERS.signature,
        format: 'sha256=<hex>',
        encoding: 'hex',
        secretSource: '',
      }),
    };
  },
};

function timestampAge(headers: ReadonlyArray<readonly [string, string]>, now: Date): number | null {
  const values = headerValues(headers, INBOUNDFLOW_HEADERS.timestamp);
  return values.length === 1 && /^\d{1,15}$/.test(values[0]) ? Math.floor(now.getTime() / 1000) - Number(values[0]) : null;
}
