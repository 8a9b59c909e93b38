import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackScheme as scheme } from '../../../shared/signatures/slack.js';
import { bodyArb, expectCause, NOW, NOW_S, pretty, request, RUNS, signOrFail, tampered, withHeader } from './support.js';

// The worked example of Slack's "Verifying requests from Slack" page.
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const SECRET = DOC.secret;
const BODY = '{"type":"event_callback","event":{"type":"app_mention"}}';
const secretArb = fc.string({ minLength: 1, maxLength: 40 });

/** Slack's documented recipe, written independently of the scheme. */
const documentedRecipe = (secret: string, timestamp: number, body: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

function signed(body = BODY, secret = SECRET, timestamp = NOW_S) {
  return signOrFail(scheme, { secret, rawBody: body, timestamp }).headers;
}

describe("Slack: the docs' worked example and round trips", () => {
  it('signs and verifies the example a minute after it was sent', () => {
    expect(signed(DOC.body, DOC.secret, DOC.timestamp)).toEqual([
      ['X-Slack-Request-Timestamp', String(DOC.timestamp)],
      ['X-Slack-Signature', DOC.signature],
    ]);
    const headers: [string, string][] = [
      ['X-Slack-Request-Timestamp', String(DOC.timestamp)],
      ['X-Slack-Signature', DOC.signature],
    ];
    expect(scheme.verify(request(headers, DOC.body), DOC.secret, { now: new Date((DOC.timestamp + 60) * 1000) })).toEqual({ ok: true });
  });

  it('signs as the documented recipe does, verifies its output, and refuses a tampered body or another secret', () => {
    fc.assert(
      fc.property(bodyArb, secretArb, secretArb, fc.nat(), (body, secret, other, at) => {
        const headers: [string, string][] = [
          ['X-Slack-Request-Timestamp', String(NOW_S)],
          ['X-Slack-Signature', documentedRecipe(secret, NOW_S, body)],
        ];
        expect(signed(body, secret)).toEqual(headers);
        expect(scheme.verify(request(headers, body), secret, { now: NOW })).toEqual({ ok: true });
        expect(scheme.verify(request(headers, tampered(body, at)), secret, { now: NOW }).ok).toBe(false);
        if (other !== secret) expect(scheme.verify(request(headers, body), other, { now: NOW }).ok).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('Slack: every cause, from exactly that mistake', () => {
  const diagnose = (headers: [string, string][], body = BODY, secrets = [SECRET], now = NOW) =>
    scheme.diagnose(request(headers, body), secrets, { now });

  it('valid, showing "v0:<ts>:<body>"', () => {
    const d = expectCause(diagnose(signed()), 'valid', null);
    expect(d.signedString?.preview).toBe(`v0:${NOW_S}:${BODY}`);
  });

  it("timestamp_too_old: the docs' example checked today", () => {
    const headers: [string, string][] = [
      ['X-Slack-Request-Timestamp', String(DOC.timestamp)],
      ['X-Slack-Signature', DOC.signature],
    ];
    const d = expectCause(diagnose(headers, DOC.body), 'invalid', 'timestamp_too_old');
    expect(d.reason).toMatch(/about \d+ days\) old; the tolerance is 300 s/);
  });

  it('timestamp_too_new, timestamp_missing, timestamp_malformed', () => {
    expectCause(diagnose(signed(BODY, SECRET, NOW_S + 900)), 'invalid', 'timestamp_too_new');
    expectCause(diagnose(withHeader(signed(), 'X-Slack-Request-Timestamp', null)), 'invalid', 'timestamp_missing');
    expectCause(diagnose(withHeader(signed(), 'X-Slack-Request-Timestamp', `${NOW_S}.5`)), 'invalid', 'timestamp_malformed');
  });

  it('signature_missing; other_scheme_header for a Twilio delivery; signature_malformed without v0=', () => {
    expectCause(diagnose([]), 'unsigned', 'signature_missing');
    expectCause(diagnose([['X-Twilio-Signature', 'AAAA']]), 'invalid', 'other_scheme_header');
    expectCause(diagnose(withHeader(signed(), 'X-Slack-Signature', signed()[1][1].slice(3))), 'invalid', 'signature_malformed');
  });

  it('no_secret and signature_mismatch (the verification token instead of the signing secret)', () => {
    expectCause(diagnose(signed(), BODY, []), 'no_secret', 'no_secret');
    expectCause(diagnose(signed(), BODY, ['xyzz0WbapA4vBCDEFasx0q6G']), 'invalid', 'signature_mismatch');
  });

  it('wrong_encoding: base64 after v0=', () => {
    const b64 = createHmac('sha256', SECRET).update(`v0:${NOW_S}:${BODY}`).digest('base64');
    expectCause(diagnose(withHeader(signed(), 'X-Slack-Signature', `v0=${b64}`)), 'invalid', 'wrong_encoding');
  });

  it('secret_whitespace, signed_reserialized_body, reserialized_body_differs, previous_secret', () => {
    expectCause(diagnose(signed(), BODY, [`${SECRET}\n`]), 'invalid', 'secret_whitespace');
    expectCause(diagnose(signed(), pretty(BODY)), 'invalid', 'signed_reserialized_body');
    expectCause(diagnose(signed(pretty(BODY)), pretty(BODY)), 'valid', 'reserialized_body_differs');
    expectCause(diagnose(signed(BODY, 'old-signing-secret'), BODY, [SECRET, 'old-signing-secret']), 'valid', 'previous_secret');
  });
});
