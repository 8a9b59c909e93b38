import { describe, expect, it } from 'vitest';
import { sign as inboundflowSign } from '../../../shared/inboundflow/signature.js';
import { detectScheme, detectSchemes } from '../../../shared/signatures/detect.js';
import { BUILT_IN_SCHEMES, schemeForDelivery, schemeNamed } from '../../../shared/signatures/registry.js';
import { verifyWithSecrets } from '../../../shared/signatures/rotation.js';
import type { SchemeName } from '../../../shared/signatures/scheme.js';
import { NOW, NOW_S, request, signOrFail } from './support.js';

const BODY = '{"hello":"world"}';
const SECRETS: Record<Exclude<SchemeName, 'custom'>, string> = {
  inboundflow: 'whsec_inboundflow',
  'standard-webhooks': 'whsec_' + Buffer.from('standard-webhooks-secret-bytes').toString('base64'),
  stripe: 'whsec_stripeStripeStripeStripe1234',
  github: 'github-secret',
  shopify: 'shopify-secret',
  slack: 'slack-signing-secret',
  twilio: '0123456789abcdef0123456789abcdef',
};
const URL = 'https://quiet-fox.trycloudflare.com/in/demo';

function signedBy(name: Exclude<SchemeName, 'custom'>, secret = SECRETS[name]) {
  return signOrFail(BUILT_IN_SCHEMES[name], {
    secret,
    rawBody: BODY,
    timestamp: NOW_S,
    id: 'msg_1',
    url: URL,
    contentType: 'application/json',
  });
}

describe('detectScheme: what auto recognises', () => {
  it.each(Object.keys(SECRETS) as Array<Exclude<SchemeName, 'custom'>>)('recognises a delivery signed by %s from its headers', (name) => {
    expect(detectScheme(signedBy(name).headers)?.scheme).toBe(name);
  });

  it("recognises Svix's svix-* headers and GitHub's legacy header alone", () => {
    expect(detectScheme([['svix-signature', 'v1,AAAA']])).toEqual({ scheme: 'standard-webhooks', header: 'svix-signature' });
    expect(detectScheme([['x-hub-signature', 'sha1=00']])).toEqual({ scheme: 'github', header: 'X-Hub-Signature' });
  });

  it('returns null for an unsigned delivery, and lists every scheme present in preference order', () => {
    expect(detectScheme([['Content-Type', 'application/json']])).toBeNull();
    const both = [...signedBy('stripe').headers, ...signedBy('inboundflow').headers];
    expect(detectSchemes(both).map(({ scheme }) => scheme)).toEqual(['inboundflow', 'stripe']);
  });

  it('schemeForDelivery: auto picks the detected scheme, a named setting wins, an unknown delivery gets none', () => {
    const stripe = signedBy('stripe').headers;
    expect(schemeForDelivery('auto', stripe)?.name).toBe('stripe');
    expect(schemeForDelivery('github', stripe)?.name).toBe('github');
    expect(schemeForDelivery('auto', [])).toBeNull();
    expect(schemeForDelivery('custom', [], { header: 'X-Sig' })?.name).toBe('custom');
    expect(schemeForDelivery('custom', [], {})).toBeNull();
  });
});

describe('schemeNamed', () => {
  it('names the valid choices for an unknown scheme, and why a custom config is refused', () => {
    expect(schemeNamed('paypal')).toEqual({
      ok: false,
      reason:
        'Unknown signature scheme "paypal"; use one of inboundflow, standard-webhooks, stripe, github, shopify, slack, twilio, custom.',
    });
    expect(schemeNamed('custom')).toMatchObject({ ok: false, reason: expect.stringContaining('Custom scheme: header') });
    expect(schemeNamed('custom', { header: 'X-Sig' })).toMatchObject({ ok: true });
  });
});

describe('verifyWithSecrets: rotation', () => {
  it.each(Object.keys(SECRETS) as Array<Exclude<SchemeName, 'custom'>>)('%s: valid with any current secret, and says which', (name) => {
    const scheme = BUILT_IN_SCHEMES[name];
    const old = name === 'standard-webhooks' ? 'whsec_' + Buffer.from('the-old-secret-bytes').toString('base64') : `${SECRETS[name]}-old`;
    const signed = signedBy(name, old);
    const delivery = request(signed.headers, BODY, { url: signed.url ?? URL });
    expect(verifyWithSecrets(scheme, delivery, [SECRETS[name], old], { now: NOW })).toEqual({ ok: true, secretIndex: 1 });
    expect(verifyWithSecrets(scheme, delivery, [old], { now: NOW })).toEqual({ ok: true, secretIndex: 0 });
    const none = verifyWithSecrets(scheme, delivery, [SECRETS[name]], { now: NOW });
    expect(none.ok).toBe(false);
  });

  it('says when no secret is configured, and gives the newest secret’s reason when none verifies', () => {
    const scheme = BUILT_IN_SCHEMES.stripe;
    const delivery = request(signedBy('stripe').headers, BODY);
    expect(verifyWithSecrets(scheme, delivery, [], { now: NOW })).toEqual({ ok: false, reason: 'No Stripe signing secret is configured.' });
    expect(verifyWithSecrets(scheme, delivery, ['', 'a', 'b'], { now: NOW })).toEqual({
      ok: false,
      reason: 'The signature does not match this secret over what Stripe signs.',
    });
  });
});

describe('InboundFlow through the common interface', () => {
  const scheme = BUILT_IN_SCHEMES.inboundflow;
  const SECRET = SECRETS.inboundflow;

  it('signs exactly as shared/inboundflow does', () => {
    expect(signedBy('inboundflow').headers).toEqual([
      ['X-InboundFlow-Timestamp', String(NOW_S)],
      ['X-InboundFlow-Signature', inboundflowSign(SECRET, NOW_S, BODY)],
    ]);
  });

  it("keeps InboundFlow's own diagnosis and causes, in the common shape", () => {
    const headers = signedBy('inboundflow').headers;
    expect(scheme.diagnose(request(headers, BODY), [SECRET], { now: NOW })).toMatchObject({
      scheme: 'inboundflow',
      verdict: 'valid',
      cause: null,
      signedString: { preview: `${NOW_S}.${BODY}`, length: `${NOW_S}.${BODY}`.length },
      matchedSecretIndex: 0,
      timestampAgeSeconds: 0,
    });
    const prefixed = scheme.diagnose(request(headers, BODY), [`sha256=${SECRET}`], { now: NOW });
    expect(prefixed).toMatchObject({ verdict: 'invalid', cause: 'secret_sha256_prefix', fix: expect.stringContaining('Remove "sha256="') });
    const wrong = scheme.diagnose(request(headers, BODY), ['other'], { now: NOW });
    expect(wrong.cause).toBe('signature_mismatch');
    expect(wrong.signatureDifference?.offset).toBeGreaterThanOrEqual(7);
  });

  it('says a Stripe delivery checked as InboundFlow carries another scheme’s header', () => {
    const d = scheme.diagnose(request(signedBy('stripe').headers, BODY), [SECRET], { now: NOW });
    expect(d).toMatchObject({ verdict: 'invalid', cause: 'other_scheme_header', received: expect.stringMatching(/^t=/) });
    expect(d.fix).toMatch(/scheme/);
  });

  it('verify checks the tolerance too, with the time given', () => {
    const headers = signedBy('inboundflow').headers;
    expect(scheme.verify(request(headers, BODY), SECRET, { now: NOW })).toEqual({ ok: true });
    expect(scheme.verify(request(headers, BODY), SECRET, { now: new Date(NOW.getTime() + 3_600_000) })).toMatchObject({ ok: false });
  });
});
