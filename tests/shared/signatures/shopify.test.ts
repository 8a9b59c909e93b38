import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shopifyScheme as scheme } from '../../../shared/signatures/shopify.js';
import { bodyArb, expectCause, NOW, pretty, request, RUNS, signOrFail, tampered } from './support.js';

// Shopify publishes the recipe but no numeric example; this vector was made with
// printf '%s' "$BODY" | openssl dgst -sha256 -hmac shpss_hookbench_client_secret -binary | base64
// and cross-checked with Python's hmac + base64.
const VECTOR = {
  secret: 'shpss_hookbench_client_secret',
  body: '{"id":820982911946154508,"email":"jon@doe.ca","topic":"orders/create"}',
  signature: 'MbYQAqah5AmdVdDWkoiy3YzLsUaOuqKXfFTgU0RnA2A=',
};
const SECRET = VECTOR.secret;
const BODY = '{"id":4503599627,"email":"jon@doe.ca","topic":"orders/create"}';
const secretArb = fc.string({ minLength: 1, maxLength: 40 });

/** Shopify's documented recipe, written independently of the scheme: base64 HMAC-SHA256 of the raw body. */
const documentedRecipe = (secret: string, body: string) => createHmac('sha256', secret).update(body, 'utf8').digest('base64');

function signed(body = BODY, secret = SECRET) {
  return signOrFail(scheme, { secret, rawBody: body, timestamp: 0 }).headers;
}

describe('Shopify: fixed vector and round trips', () => {
  it('signs and verifies the openssl-made vector', () => {
    expect(signed(VECTOR.body)).toEqual([['X-Shopify-Hmac-Sha256', VECTOR.signature]]);
    expect(scheme.verify(request([['X-Shopify-Hmac-Sha256', VECTOR.signature]], VECTOR.body), SECRET, { now: NOW })).toEqual({ ok: true });
  });

  it("signs as Shopify's documented recipe does, verifies its output, and refuses a tampered body or another secret", () => {
    fc.assert(
      fc.property(bodyArb, secretArb, secretArb, fc.nat(), (body, secret, other, at) => {
        const recipe = documentedRecipe(secret, body);
        expect(signed(body, secret)).toEqual([['X-Shopify-Hmac-Sha256', recipe]]);
        const headers: [string, string][] = [['X-Shopify-Hmac-Sha256', recipe]];
        expect(scheme.verify(request(headers, body), secret, { now: NOW })).toEqual({ ok: true });
        expect(scheme.verify(request(headers, tampered(body, at)), secret, { now: NOW }).ok).toBe(false);
        if (other !== secret) expect(scheme.verify(request(headers, body), other, { now: NOW }).ok).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('Shopify: every cause, from exactly that mistake', () => {
  const diagnose = (headers: [string, string][], body = BODY, secrets = [SECRET]) =>
    scheme.diagnose(request(headers, body), secrets, { now: NOW });

  it('valid, showing the body as the signed string', () => {
    const d = expectCause(diagnose(signed()), 'valid', null);
    expect(d.signedString?.preview).toBe(BODY);
    expect(d.timestampAgeSeconds).toBeNull();
  });

  it('reserialized_body_differs: an id past 2^53 does not survive JSON.parse, so re-serializing handlers fail', () => {
    const d = expectCause(diagnose(signed(VECTOR.body), VECTOR.body), 'valid', 'reserialized_body_differs');
    expect(d.bodyDifference?.raw).toContain('46154508,');
    expect(d.bodyDifference?.reserialized).toContain('46154500,');
  });

  it('signature_missing; other_scheme_header for a Slack delivery; signature_malformed for text that is no digest', () => {
    expectCause(diagnose([]), 'unsigned', 'signature_missing');
    expectCause(diagnose([['X-Slack-Signature', `v0=${'0'.repeat(64)}`]]), 'invalid', 'other_scheme_header');
    expectCause(diagnose([['X-Shopify-Hmac-Sha256', 'not a digest!']]), 'invalid', 'signature_malformed');
  });

  it('no_secret and signature_mismatch (the API key pasted instead of the client secret)', () => {
    expectCause(diagnose(signed(), BODY, []), 'no_secret', 'no_secret');
    expectCause(diagnose(signed(BODY, 'shpat_an_api_access_token')), 'invalid', 'signature_mismatch');
  });

  it('wrong_encoding: the HMAC written in hex, the classic Shopify slip', () => {
    const hex = createHmac('sha256', SECRET).update(BODY).digest('hex');
    const d = expectCause(diagnose([['X-Shopify-Hmac-Sha256', hex]]), 'invalid', 'wrong_encoding');
    expect(d.fix).toContain('base64');
  });

  it('secret_whitespace', () => {
    expectCause(diagnose(signed(), BODY, [`${SECRET}\r\n`]), 'invalid', 'secret_whitespace');
  });

  it('signed_reserialized_body and reserialized_body_differs', () => {
    expectCause(diagnose(signed(), pretty(BODY)), 'invalid', 'signed_reserialized_body');
    expectCause(diagnose(signed(pretty(BODY)), pretty(BODY)), 'valid', 'reserialized_body_differs');
  });

  it('previous_secret: the app secret was rotated and the old one still signs', () => {
    expectCause(diagnose(signed(BODY, 'old-client-secret'), BODY, [SECRET, 'old-client-secret']), 'valid', 'previous_secret');
  });
});
