import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { standardWebhooksScheme as scheme } from '../../../shared/signatures/standard-webhooks.js';
import { bodyArb, expectCause, headerObject, NOW, NOW_S, pretty, request, RUNS, signOrFail, tampered, withHeader } from './support.js';

// The worked example of the Standard Webhooks spec (and Svix's docs).
const DOC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const SECRET = 'whsec_' + Buffer.from('hookbench-standard-webhooks-key!').toString('base64');
const OLD_SECRET = 'whsec_' + Buffer.from('the-previous-standard-webhooks-k').toString('base64');
const BODY = '{"type":"invoice.paid","data":{"id":"in_1"}}';

const secretArb = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => 'whsec_' + Buffer.from(bytes).toString('base64'));
const idArb = fc.stringMatching(/^msg_[A-Za-z0-9]{1,30}$/);

function signed(body = BODY, secret = SECRET, timestamp = NOW_S, id = 'msg_1') {
  return signOrFail(scheme, { secret, rawBody: body, timestamp, id }).headers;
}

describe('Standard Webhooks: the spec and the standardwebhooks library', () => {
  it("reproduces the spec's worked example, and verifies it", () => {
    const headers = signed(DOC.body, DOC.secret, DOC.timestamp, DOC.id);
    expect(headers).toEqual([
      ['webhook-id', DOC.id],
      ['webhook-timestamp', String(DOC.timestamp)],
      ['webhook-signature', DOC.signature],
    ]);
    expect(scheme.verify(request(headers, DOC.body), DOC.secret, { now: new Date((DOC.timestamp + 10) * 1000) })).toEqual({ ok: true });
  });

  it('signs what Webhook.verify accepts, and Webhook.verify refuses it once the body is tampered', () => {
    const now = Math.floor(Date.now() / 1000);
    fc.assert(
      fc.property(bodyArb, secretArb, idArb, fc.nat(), (body, secret, id, at) => {
        const headers = headerObject(signed(body, secret, now, id));
        const library = new Webhook(secret);
        expect(() => library.verify(body, headers, { jsonParse: false })).not.toThrow();
        expect(() => library.verify(tampered(body, at), headers, { jsonParse: false })).toThrow();
      }),
      RUNS,
    );
  });

  it("verifies the library's signatures, and refuses them over a tampered body or with another secret", () => {
    const now = new Date();
    const timestamp = new Date(Math.floor(now.getTime() / 1000) * 1000);
    fc.assert(
      fc.property(bodyArb, secretArb, secretArb, idArb, fc.nat(), (body, secret, other, id, at) => {
        const headers: [string, string][] = [
          ['webhook-id', id],
          ['webhook-timestamp', String(timestamp.getTime() / 1000)],
          ['webhook-signature', new Webhook(secret).sign(id, timestamp, body)],
        ];
        expect(scheme.verify(request(headers, body), secret, { now })).toEqual({ ok: true });
        expect(scheme.verify(request(headers, tampered(body, at)), secret, { now }).ok).toBe(false);
        if (other !== secret) expect(scheme.verify(request(headers, body), other, { now }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('accepts any of several space-separated signatures, as during a rotation, like the library', () => {
    const now = new Date();
    const timestamp = Math.floor(now.getTime() / 1000);
    const fresh = signed(BODY, SECRET, timestamp)[2][1];
    const old = signed(BODY, OLD_SECRET, timestamp)[2][1];
    const headers = withHeader(signed(BODY, SECRET, timestamp), 'webhook-signature', `${old} ${fresh}`);
    for (const secret of [SECRET, OLD_SECRET]) {
      expect(scheme.verify(request(headers, BODY), secret, { now })).toEqual({ ok: true });
      expect(() => new Webhook(secret).verify(BODY, headerObject(headers))).not.toThrow();
    }
  });

  it("reads Svix's svix-id / svix-timestamp / svix-signature headers as the same scheme", () => {
    const headers = signed().map(([name, value]) => [name.replace('webhook-', 'svix-'), value] as [string, string]);
    expect(scheme.verify(request(headers, BODY), SECRET, { now: NOW })).toEqual({ ok: true });
  });
});

describe('Standard Webhooks: every cause, from exactly that mistake', () => {
  const diagnose = (headers: [string, string][], body = BODY, secrets = [SECRET], now = NOW) =>
    scheme.diagnose(request(headers, body), secrets, { now });

  it('valid: matches the current secret, with the signed string, expected and received shown', () => {
    const d = expectCause(diagnose(signed()), 'valid', null);
    expect(d.signedString).toEqual({ preview: `msg_1.${NOW_S}.${BODY}`, length: `msg_1.${NOW_S}.${BODY}`.length });
    expect(d.expected).toBe(signed()[2][1]);
    expect(d.receivedSignature).toBe(d.expected);
    expect(d.signatureDifference).toBeNull();
    expect(d.matchedSecretIndex).toBe(0);
  });

  it('signature_missing: no signature header at all', () => {
    expectCause(diagnose(withHeader(signed(), 'webhook-signature', null)), 'unsigned', 'signature_missing');
  });

  it('other_scheme_header: a Stripe-signed delivery checked as Standard Webhooks', () => {
    const d = expectCause(diagnose([['Stripe-Signature', 't=1,v1=00ff']]), 'invalid', 'other_scheme_header');
    expect(d.reason).toContain('Stripe-Signature');
  });

  it('other_scheme_header: a Stripe signature value pasted into webhook-signature', () => {
    const d = expectCause(
      diagnose(withHeader(signed(), 'webhook-signature', `t=${NOW_S},v1=${'ab'.repeat(32)}`)),
      'invalid',
      'other_scheme_header',
    );
    expect(d.reason).toContain('Stripe-Signature value');
  });

  it('signature_malformed: only v1a (asymmetric) signatures', () => {
    const d = expectCause(diagnose(withHeader(signed(), 'webhook-signature', 'v1a,AAAA')), 'invalid', 'signature_malformed');
    expect(d.reason).toContain('v1a');
  });

  it('no_secret: signed, but no secret configured', () => {
    expectCause(diagnose(signed(), BODY, []), 'no_secret', 'no_secret');
  });

  it('secret_invalid: the configured secret is not base64', () => {
    expectCause(diagnose(signed(), BODY, ['whsec_not base64!']), 'invalid', 'secret_invalid');
  });

  it('id_missing: webhook-id dropped', () => {
    expectCause(diagnose(withHeader(signed(), 'webhook-id', null)), 'invalid', 'id_missing');
  });

  it('timestamp_missing and timestamp_malformed', () => {
    expectCause(diagnose(withHeader(signed(), 'webhook-timestamp', null)), 'invalid', 'timestamp_missing');
    const d = expectCause(diagnose(withHeader(signed(), 'webhook-timestamp', '2026-03-01T12:00:00Z')), 'invalid', 'timestamp_malformed');
    expect(d.reason).toContain('a date');
  });

  it('timestamp_too_old: says how far outside the tolerance', () => {
    const d = expectCause(diagnose(signed(BODY, SECRET, NOW_S - 3600)), 'invalid', 'timestamp_too_old');
    expect(d.reason).toContain('3600 s (about 60 min) old; the tolerance is 300 s');
    expect(d.timestampAgeSeconds).toBe(3600);
  });

  it('timestamp_too_new: a timestamp in milliseconds is called out', () => {
    const d = expectCause(diagnose(signed(BODY, SECRET, NOW_S * 1000)), 'invalid', 'timestamp_too_new');
    expect(d.reason).toContain('milliseconds');
  });

  it('signature_mismatch: another secret, with the first difference marked', () => {
    const other = 'whsec_' + Buffer.from('some-other-key').toString('base64');
    const d = expectCause(diagnose(signed(BODY, other)), 'invalid', 'signature_mismatch');
    expect(d.signatureDifference?.offset).toBeGreaterThanOrEqual(3);
    expect(d.expected).not.toBe(d.receivedSignature);
  });

  it('wrong_encoding: the right HMAC written in hex', () => {
    const key = Buffer.from(SECRET.slice(6), 'base64');
    const hex = createHmac('sha256', key).update(`msg_1.${NOW_S}.${BODY}`).digest('hex');
    expectCause(diagnose(withHeader(signed(), 'webhook-signature', `v1,${hex}`)), 'invalid', 'wrong_encoding');
  });

  it('secret_whitespace: the secret pasted with a line break', () => {
    expectCause(diagnose(signed(), BODY, [`${SECRET}\n`]), 'invalid', 'secret_whitespace');
  });

  it('secret_not_base64_decoded: the signer used the whsec_ text as the key', () => {
    const raw = createHmac('sha256', SECRET).update(`msg_1.${NOW_S}.${BODY}`).digest('base64');
    const d = expectCause(diagnose(withHeader(signed(), 'webhook-signature', `v1,${raw}`)), 'invalid', 'secret_not_base64_decoded');
    expect(d.fix).toContain('base64-decoded');
  });

  it('signed_reserialized_body: the body was pretty-printed after signing', () => {
    const d = expectCause(diagnose(signed(), pretty(BODY)), 'invalid', 'signed_reserialized_body');
    expect(d.bodyDifference?.offset).toBe(1);
  });

  it('reserialized_body_differs: valid, but a handler verifying JSON.stringify(req.body) would fail', () => {
    const body = pretty(BODY);
    expectCause(diagnose(signed(body), body), 'valid', 'reserialized_body_differs');
  });

  it('previous_secret: valid with the older of two secrets, and says which', () => {
    const d = expectCause(diagnose(signed(BODY, OLD_SECRET), BODY, [SECRET, OLD_SECRET]), 'valid', 'previous_secret');
    expect(d.matchedSecretIndex).toBe(1);
  });
});
