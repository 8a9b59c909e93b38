import { createHmac } from 'node:crypto';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { githubScheme as scheme } from '../../../shared/signatures/github.js';
import { bodyArb, expectCause, NOW, pretty, request, RUNS, signOrFail, tampered, withHeader } from './support.js';

const SECRET = 'gh-webhook-secret';
const BODY = '{"action":"opened","number":7}';
const secretArb = fc.string({ minLength: 1, maxLength: 40 });
const nonEmptyBody = bodyArb.filter((body) => body.length > 0);

function signed(body = BODY, secret = SECRET) {
  return signOrFail(scheme, { secret, rawBody: body, timestamp: 0 }).headers;
}
const sha256Header = (headers: [string, string][]) => headers.find(([name]) => name === 'X-Hub-Signature-256')?.[1] ?? '';

describe('GitHub: the docs and @octokit/webhooks-methods as the oracle', () => {
  it("reproduces GitHub's documented example (docs: Validating webhook deliveries)", () => {
    const headers = signed('Hello, World!', "It's a Secret to Everybody");
    expect(sha256Header(headers)).toBe('sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17');
  });

  it('signs what octokit verify accepts, and octokit refuses it once the body is tampered', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmptyBody, secretArb, fc.nat(), async (body, secret, at) => {
        const value = sha256Header(signed(body, secret));
        expect(await octokitVerify(secret, body, value)).toBe(true);
        expect(await octokitVerify(secret, tampered(body, at), value)).toBe(false);
      }),
      RUNS,
    );
  });

  it("verifies octokit sign's signatures, and refuses them over a tampered body or with another secret", async () => {
    await fc.assert(
      fc.asyncProperty(nonEmptyBody, secretArb, secretArb, fc.nat(), async (body, secret, other, at) => {
        const headers: [string, string][] = [['X-Hub-Signature-256', await octokitSign(secret, body)]];
        expect(scheme.verify(request(headers, body), secret, { now: NOW })).toEqual({ ok: true });
        expect(scheme.verify(request(headers, tampered(body, at)), secret, { now: NOW }).ok).toBe(false);
        if (other !== secret) expect(scheme.verify(request(headers, body), other, { now: NOW }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('sends both headers, as GitHub does: the legacy SHA-1 one and the SHA-256 one', () => {
    const headers = signed();
    expect(headers.map(([name]) => name)).toEqual(['X-Hub-Signature', 'X-Hub-Signature-256']);
    expect(headers[0][1]).toBe(`sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`);
  });
});

describe('GitHub: every cause, from exactly that mistake', () => {
  const diagnose = (headers: [string, string][], body = BODY, secrets = [SECRET]) =>
    scheme.diagnose(request(headers, body), secrets, { now: NOW });

  it('valid over the SHA-256 header', () => {
    expectCause(diagnose(signed()), 'valid', null);
  });

  it('legacy_sha1_only: a delivery with only X-Hub-Signature is checked with SHA-1 and reported as such', async () => {
    const legacyOnly = withHeader(signed(), 'X-Hub-Signature-256', null);
    const d = expectCause(diagnose(legacyOnly), 'valid', 'legacy_sha1_only');
    expect(d.expected).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(await octokitVerify(SECRET, BODY, legacyOnly[0][1])).toBe(false);
    expectCause(diagnose(legacyOnly, BODY, ['another-secret']), 'invalid', 'signature_mismatch');
  });

  it('signature_malformed: the SHA-1 value put in X-Hub-Signature-256, or no sha256= prefix', () => {
    const sha1 = signed()[0][1];
    const d = expectCause(diagnose([['X-Hub-Signature-256', sha1]]), 'invalid', 'signature_malformed');
    expect(d.reason).toContain('legacy SHA-1');
    expectCause(diagnose([['X-Hub-Signature-256', sha256Header(signed()).slice(7)]]), 'invalid', 'signature_malformed');
  });

  it('signature_missing, and other_scheme_header for a Shopify delivery', () => {
    expectCause(diagnose([]), 'unsigned', 'signature_missing');
    expectCause(diagnose([['X-Shopify-Hmac-Sha256', 'AAAA']]), 'invalid', 'other_scheme_header');
  });

  it('no_secret and signature_mismatch', () => {
    expectCause(diagnose(signed(), BODY, []), 'no_secret', 'no_secret');
    expectCause(diagnose(signed(BODY, 'wrong')), 'invalid', 'signature_mismatch');
  });

  it('wrong_encoding: upper-case hex, which octokit refuses', async () => {
    const upper = `sha256=${sha256Header(signed()).slice(7).toUpperCase()}`;
    expectCause(diagnose([['X-Hub-Signature-256', upper]]), 'invalid', 'wrong_encoding');
    expect(await octokitVerify(SECRET, BODY, upper)).toBe(false);
  });

  it('secret_whitespace', () => {
    expectCause(diagnose(signed(), BODY, [` ${SECRET}`]), 'invalid', 'secret_whitespace');
  });

  it('signed_reserialized_body and reserialized_body_differs', () => {
    expectCause(diagnose(signed(), pretty(BODY)), 'invalid', 'signed_reserialized_body');
    expectCause(diagnose(signed(pretty(BODY)), pretty(BODY)), 'valid', 'reserialized_body_differs');
  });

  it('previous_secret', () => {
    expectCause(diagnose(signed(BODY, 'old-secret'), BODY, [SECRET, 'old-secret']), 'valid', 'previous_secret');
  });
});
