import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeScheme as scheme } from '../../../shared/signatures/stripe.js';
import { bodyArb, expectCause, NOW, NOW_S, pretty, request, RUNS, signOrFail, tampered } from './support.js';

const webhooks = new Stripe('sk_test_hookbench').webhooks;
const SECRET = 'whsec_5Tq2ZGbXoEm8pWv1nR3sYk7LcA9dHfJu';
const OLD_SECRET = 'whsec_Pq7Wm2Zx9Lk4Jh6Gf3Ds8Az1Xc5Vb0Nn';
const BODY = '{"id":"evt_1","object":"event","type":"payment_intent.succeeded"}';
const RECEIVED_AT = NOW.getTime();

// Stripe secrets are whsec_ and letters and digits; blank ones are refused by stripe-node before anything else.
const secretArb = fc
  .oneof(fc.stringMatching(/^whsec_[A-Za-z0-9]{32}$/), fc.string({ minLength: 1, maxLength: 40 }))
  .filter((s) => s.trim() !== '');
const jsonArb = fc.json({ maxDepth: 3 });

function signed(body = BODY, secret = SECRET, timestamp = NOW_S) {
  return signOrFail(scheme, { secret, rawBody: body, timestamp }).headers;
}
const header = (headers: [string, string][]) => headers[0][1];

describe('Stripe: the stripe library as the oracle', () => {
  it('signs what constructEvent accepts, and constructEvent refuses it once the body is tampered', () => {
    fc.assert(
      fc.property(jsonArb, secretArb, fc.nat(), (body, secret, at) => {
        const value = header(signed(body, secret));
        expect(webhooks.constructEvent(body, value, secret, 300, undefined, RECEIVED_AT)).toEqual(JSON.parse(body));
        expect(() => webhooks.constructEvent(tampered(body, at), value, secret, 300, undefined, RECEIVED_AT)).toThrow(
          Stripe.errors.StripeSignatureVerificationError,
        );
      }),
      RUNS,
    );
  });

  it("verifies generateTestHeaderString's headers over any body, and refuses a tampered body or another secret", () => {
    fc.assert(
      fc.property(
        bodyArb.filter((b) => b.length > 0),
        secretArb,
        secretArb,
        fc.nat(),
        (body, secret, other, at) => {
          const value = webhooks.generateTestHeaderString({ payload: body, secret, timestamp: NOW_S });
          const headers: [string, string][] = [['Stripe-Signature', value]];
          expect(scheme.verify(request(headers, body), secret, { now: NOW })).toEqual({ ok: true });
          expect(scheme.verify(request(headers, tampered(body, at)), secret, { now: NOW }).ok).toBe(false);
          if (other !== secret) expect(scheme.verify(request(headers, body), other, { now: NOW }).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('accepts any of several v1 signatures (a rolled secret), as constructEvent does', () => {
    const value = `t=${NOW_S},v1=${createHmac('sha256', OLD_SECRET).update(`${NOW_S}.${BODY}`).digest('hex')},${header(signed()).split(',')[1]}`;
    for (const secret of [SECRET, OLD_SECRET]) {
      expect(scheme.verify(request([['Stripe-Signature', value]], BODY), secret, { now: NOW })).toEqual({ ok: true });
      expect(() => webhooks.constructEvent(BODY, value, secret, 300, undefined, RECEIVED_AT)).not.toThrow();
    }
  });

  it('refuses old timestamps but, like stripe-node, not future ones', () => {
    const old = header(signed(BODY, SECRET, NOW_S - 301));
    expect(scheme.verify(request([['Stripe-Signature', old]], BODY), SECRET, { now: NOW }).ok).toBe(false);
    expect(() => webhooks.constructEvent(BODY, old, SECRET, 300, undefined, RECEIVED_AT)).toThrow(/tolerance/);
    const future = header(signed(BODY, SECRET, NOW_S + 3600));
    expect(scheme.verify(request([['Stripe-Signature', future]], BODY), SECRET, { now: NOW })).toEqual({ ok: true });
    expect(() => webhooks.constructEvent(BODY, future, SECRET, 300, undefined, RECEIVED_AT)).not.toThrow();
  });
});

describe('Stripe: every cause, from exactly that mistake', () => {
  const diagnose = (headers: [string, string][], body = BODY, secrets = [SECRET]) =>
    scheme.diagnose(request(headers, body), secrets, { now: NOW });
  const v1 = (secret: string, signedString: string, encoding: 'hex' | 'base64' = 'hex') =>
    createHmac('sha256', secret).update(signedString).digest(encoding);

  it('valid: shows what was signed and the v1 it expects', () => {
    const d = expectCause(diagnose(signed()), 'valid', null);
    expect(d.signedString?.preview).toBe(`${NOW_S}.${BODY}`);
    expect(d.expected).toBe(header(signed()).split(',')[1]);
  });

  it('signature_missing, and other_scheme_header for a GitHub delivery', () => {
    expectCause(diagnose([]), 'unsigned', 'signature_missing');
    expectCause(diagnose([['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`]]), 'invalid', 'other_scheme_header');
  });

  it('signature_malformed: only a v0 signature', () => {
    const d = expectCause(diagnose([['Stripe-Signature', `t=${NOW_S},v0=${'0'.repeat(64)}`]]), 'invalid', 'signature_malformed');
    expect(d.reason).toContain('v0');
  });

  it('no_secret', () => {
    expectCause(diagnose(signed(), BODY, []), 'no_secret', 'no_secret');
  });

  it('timestamp_missing (no t=) and timestamp_malformed (t= not seconds)', () => {
    const signature = header(signed()).split(',')[1];
    expectCause(diagnose([['Stripe-Signature', signature]]), 'invalid', 'timestamp_missing');
    expectCause(diagnose([['Stripe-Signature', `t=soon,${signature}`]]), 'invalid', 'timestamp_malformed');
  });

  it('timestamp_too_old: says how old', () => {
    const d = expectCause(diagnose(signed(BODY, SECRET, NOW_S - 86_400 * 3)), 'invalid', 'timestamp_too_old');
    expect(d.reason).toContain('(about 3 days) old');
  });

  it('signature_mismatch: the secret of another endpoint', () => {
    expectCause(diagnose(signed(BODY, OLD_SECRET)), 'invalid', 'signature_mismatch');
  });

  it('wrong_encoding: the right HMAC written in base64', () => {
    expectCause(diagnose([['Stripe-Signature', `t=${NOW_S},v1=${v1(SECRET, `${NOW_S}.${BODY}`, 'base64')}`]]), 'invalid', 'wrong_encoding');
  });

  it('secret_whitespace: the secret pasted with a trailing space', () => {
    expectCause(diagnose(signed(), BODY, [`${SECRET} `]), 'invalid', 'secret_whitespace');
  });

  it('secret_base64_decoded: signed with the decoded whsec_ secret, as Standard Webhooks would', () => {
    const decodedKey = Buffer.from(SECRET.slice(6), 'base64');
    const signature = createHmac('sha256', decodedKey).update(`${NOW_S}.${BODY}`).digest('hex');
    const d = expectCause(diagnose([['Stripe-Signature', `t=${NOW_S},v1=${signature}`]]), 'invalid', 'secret_base64_decoded');
    expect(d.fix).toContain('whsec_ included');
  });

  it('signed_reserialized_body and reserialized_body_differs', () => {
    expectCause(diagnose(signed(), pretty(BODY)), 'invalid', 'signed_reserialized_body');
    expectCause(diagnose(signed(pretty(BODY)), pretty(BODY)), 'valid', 'reserialized_body_differs');
  });

  it('previous_secret: the endpoint still signs with the rolled secret', () => {
    const d = expectCause(diagnose(signed(BODY, OLD_SECRET), BODY, [SECRET, OLD_SECRET]), 'valid', 'previous_secret');
    expect(d.matchedSecretIndex).toBe(1);
  });

  it('a Stripe header doubled is malformed, not compared', () => {
    const value = header(signed());
    expectCause(
      diagnose([
        ['Stripe-Signature', value],
        ['stripe-signature', value],
      ]),
      'invalid',
      'signature_malformed',
    );
  });
});
