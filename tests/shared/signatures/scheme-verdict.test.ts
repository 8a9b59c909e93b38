import { describe, expect, it } from 'vitest';
import { SchemeVerdict } from '../../../shared/api/signatures.js';
import { parseCustomSchemeConfig } from '../../../shared/signatures/custom-config.js';
import { customScheme } from '../../../shared/signatures/custom.js';
import { BUILT_IN_SCHEMES } from '../../../shared/signatures/registry.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';
import { schemeVerdictOf, storedSchemeVerdict } from '../../../shared/signatures/scheme-verdict.js';
import { NOW, NOW_S, request, signOrFail } from './support.js';

const custom = parseCustomSchemeConfig({
  header: 'X-Signature',
  prefix: 'sha256=',
  template: '{timestamp}.{body}',
  timestampHeader: 'X-Ts',
});
if (!custom.ok) throw new Error(custom.reason);
const SCHEMES: SignatureScheme[] = [...Object.values(BUILT_IN_SCHEMES), customScheme(custom.config)];
const URL = 'https://abc.example.dev/i/shop/hook?x=1';
const BODY = '{"id":1,"amount":200}';

function signed(scheme: SignatureScheme, secret: string) {
  const out = signOrFail(scheme, {
    secret,
    rawBody: BODY,
    timestamp: NOW_S,
    id: 'msg_1',
    url: URL,
    contentType: 'application/x-www-form-urlencoded',
  });
  return request(out.headers, BODY, { url: out.url ?? URL });
}

describe('SchemeVerdict: the one contract for a stored verdict', () => {
  for (const scheme of SCHEMES) {
    it(`${scheme.name}: a valid and a wrong-secret diagnosis both convert, survive JSON and parse`, () => {
      const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
      const valid = schemeVerdictOf(scheme.diagnose(signed(scheme, secret), [secret], { now: NOW }), { url: URL, localUrl: null });
      expect(SchemeVerdict.parse(JSON.parse(JSON.stringify(valid)))).toEqual(valid);
      expect(valid).toMatchObject({ scheme: scheme.name, verdict: 'valid', matched_secret: 0, first_difference: null, url: URL });

      const wrong = schemeVerdictOf(scheme.diagnose(signed(scheme, 'whsec_b3RoZXItc2VjcmV0LWZvci10ZXN0'), [secret], { now: NOW }));
      expect(SchemeVerdict.parse(wrong)).toEqual(wrong);
      expect(wrong.verdict).toBe('invalid');
      expect(wrong.fix).toMatch(/\S/);
      expect(wrong.expected).not.toBeNull();
      expect(wrong.received_signature).not.toBeNull();
      // The first difference marks where expected and received part, each side an excerpt of its own signature.
      const difference = wrong.first_difference!;
      expect(wrong.expected!.slice(0, difference.offset)).toBe(wrong.received_signature!.slice(0, difference.offset));
      expect(wrong.expected![difference.offset]).not.toBe(wrong.received_signature![difference.offset]);
    });
  }

  it('says which secret of a rotation matched', () => {
    const scheme = BUILT_IN_SCHEMES.stripe;
    const verdict = schemeVerdictOf(scheme.diagnose(signed(scheme, 'whsec_old'), ['whsec_new', 'whsec_old'], { now: NOW }));
    expect(verdict).toMatchObject({ verdict: 'valid', matched_secret: 1, cause: 'previous_secret' });
  });

  it('reads a stored verdict as it is, and reshapes an InboundFlow diagnosis stored before schemes existed', () => {
    const scheme = BUILT_IN_SCHEMES.github;
    const current = schemeVerdictOf(scheme.diagnose(signed(scheme, 's'), ['s'], { now: NOW }));
    expect(storedSchemeVerdict(JSON.parse(JSON.stringify(current)))).toEqual(current);
    const legacy = {
      verdict: 'invalid',
      cause: 'signature_mismatch',
      reason: 'No match.',
      fix: 'Copy the secret again.',
      steps: { signedStringPreview: '1.{}', signedStringLength: 4, expected: 'sha256=aa', received: 'sha256=bb', matchedSecretIndex: null },
      firstDifference: null,
    };
    expect(storedSchemeVerdict(legacy)).toMatchObject({
      scheme: 'inboundflow',
      verdict: 'invalid',
      cause: 'signature_mismatch',
      signed_string: { preview: '1.{}', length: 4 },
      expected: 'sha256=aa',
      received_signature: 'sha256=bb',
      matched_secret: null,
    });
    expect(storedSchemeVerdict('nonsense')).toBeNull();
  });
});
