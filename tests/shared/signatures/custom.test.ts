import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CustomSchemeConfigInput, parseCustomSchemeConfig } from '../../../shared/signatures/custom-config.js';
import { customScheme } from '../../../shared/signatures/custom.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';
import { bodyArb, expectCause, NOW, NOW_S, pretty, request, RUNS, signOrFail, tampered, withHeader } from './support.js';

function schemeOf(input: CustomSchemeConfigInput): SignatureScheme {
  const parsed = parseCustomSchemeConfig(input);
  if (!parsed.ok) throw new Error(parsed.reason);
  return customScheme(parsed.config);
}

const BODY = '{"event":"order.paid","id":"o_1"}';
const SECRET = 'custom-shared-secret';
const TIMESTAMPED = schemeOf({
  header: 'X-Acme-Signature',
  prefix: 'sha512=',
  algorithm: 'sha512',
  encoding: 'base64',
  template: '{timestamp}.{header:X-Acme-Event}.{body}',
  timestampHeader: 'X-Acme-Timestamp',
});

describe('custom scheme: its config', () => {
  it('defaults to a hex HMAC-SHA256 of the body with no prefix', () => {
    expect(parseCustomSchemeConfig({ header: 'X-Signature' })).toEqual({
      ok: true,
      config: {
        header: 'X-Signature',
        prefix: '',
        algorithm: 'sha256',
        encoding: 'hex',
        template: '{body}',
        secretEncoding: 'text',
        toleranceSeconds: 300,
      },
    });
  });

  it.each([
    [{ header: 'X-Sig', template: '{ts}.{body}' }, 'template Unknown placeholder {ts}'],
    [{ header: 'X-Sig', template: '{timestamp}.{body}' }, 'timestampHeader the template uses {timestamp}'],
    [{ header: 'X-Sig', template: '{id}.{body}' }, 'idHeader the template uses {id}'],
    [{ header: 'X Sig' }, 'header must be a header name'],
    [{ header: 'X-Sig', algorithm: 'md5' }, 'algorithm'],
  ])('refuses %j with one sentence naming the field', (input, expected) => {
    const parsed = parseCustomSchemeConfig(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(`Custom scheme: ${expected}`);
  });
});

describe('custom scheme: against independent HMACs and other senders', () => {
  const configArb = fc.record({
    header: fc.constantFrom('X-Signature', 'X-Hook-Sig'),
    prefix: fc.constantFrom('', 'sha256=', 'v1,'),
    algorithm: fc.constantFrom('sha1' as const, 'sha256' as const, 'sha512' as const),
    encoding: fc.constantFrom('hex' as const, 'base64' as const),
    template: fc.constantFrom('{body}', '{timestamp}.{body}', '{timestamp}:{id}:{body}', '{url}|{body}'),
  });

  it('signs the HMAC its description says, verifies it, and refuses a tampered body or another secret', () => {
    fc.assert(
      fc.property(configArb, bodyArb, fc.string({ minLength: 1, maxLength: 30 }), fc.nat(), (config, body, secret, at) => {
        const scheme = schemeOf({ ...config, timestampHeader: 'X-Hook-Timestamp', idHeader: 'X-Hook-Id' });
        const url = 'https://hooks.example.com/in?x=1';
        const signedString = config.template
          .replace('{timestamp}', String(NOW_S))
          .replace('{id}', 'evt_9')
          .replace('{url}', url)
          .replace('{body}', () => body);
        const digest = createHmac(config.algorithm, secret).update(signedString).digest(config.encoding);
        const signed = signOrFail(scheme, { secret, rawBody: body, timestamp: NOW_S, id: 'evt_9', url });
        expect(signed.headers).toContainEqual([config.header, `${config.prefix}${digest}`]);
        expect(scheme.verify(request(signed.headers, body, { url }), secret, { now: NOW })).toEqual({ ok: true });
        expect(scheme.verify(request(signed.headers, tampered(body, at), { url }), secret, { now: NOW }).ok).toBe(false);
        expect(scheme.verify(request(signed.headers, body, { url }), `${secret}x`, { now: NOW }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it("described as Slack's scheme, reproduces Slack's worked example", () => {
    const slack = schemeOf({
      header: 'X-Slack-Signature',
      prefix: 'v0=',
      template: 'v0:{timestamp}:{body}',
      timestampHeader: 'X-Slack-Request-Timestamp',
    });
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const signed = signOrFail(slack, { secret: '8f742231b10e8888abcd99yyyzzz85a5', rawBody: body, timestamp: 1531420618 });
    expect(signed.headers).toContainEqual(['X-Slack-Signature', 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503']);
  });

  it("described as Standard Webhooks with a base64 secret, reproduces the spec's worked example", () => {
    const standard = schemeOf({
      header: 'webhook-signature',
      prefix: 'v1,',
      encoding: 'base64',
      template: '{id}.{timestamp}.{body}',
      idHeader: 'webhook-id',
      timestampHeader: 'webhook-timestamp',
      secretEncoding: 'base64',
    });
    const signed = signOrFail(standard, {
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      rawBody: '{"test": 2432232314}',
      timestamp: 1614265330,
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    });
    expect(signed.headers).toContainEqual(['webhook-signature', 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=']);
  });

  it('signs {header:Name} from the headers the request will carry, and refuses to sign without them', () => {
    const headers: [string, string][] = [['X-Acme-Event', 'order.paid']];
    const signed = signOrFail(TIMESTAMPED, { secret: SECRET, rawBody: BODY, timestamp: NOW_S, headers });
    expect(signed.signedString).toBe(`${NOW_S}.order.paid.${BODY}`);
    expect(signed.headers.map(([name]) => name)).toEqual(['X-Acme-Timestamp', 'X-Acme-Signature']);
    expect(TIMESTAMPED.sign({ secret: SECRET, rawBody: BODY, timestamp: NOW_S })).toEqual({
      ok: false,
      reason: 'The template needs header X-Acme-Event, which was not given.',
    });
  });
});

describe('custom scheme: every cause, from exactly that mistake', () => {
  const eventHeader: [string, string] = ['X-Acme-Event', 'order.paid'];
  const signed = (body = BODY, secret = SECRET, timestamp = NOW_S): [string, string][] => [
    eventHeader,
    ...signOrFail(TIMESTAMPED, { secret, rawBody: body, timestamp, headers: [eventHeader] }).headers,
  ];
  const diagnose = (headers: [string, string][], body = BODY, secrets = [SECRET], scheme = TIMESTAMPED) =>
    scheme.diagnose(request(headers, body), secrets, { now: NOW });
  const signatureOf = (headers: [string, string][]) => headers.find(([name]) => name === 'X-Acme-Signature')?.[1] ?? '';

  it('valid, showing the rendered template as the signed string', () => {
    const d = expectCause(diagnose(signed()), 'valid', null);
    expect(d.signedString?.preview).toBe(`${NOW_S}.order.paid.${BODY}`);
  });

  it('signature_missing and signature_malformed (prefix missing)', () => {
    expectCause(diagnose([eventHeader]), 'unsigned', 'signature_missing');
    expectCause(diagnose(withHeader(signed(), 'X-Acme-Signature', signatureOf(signed()).slice(7))), 'invalid', 'signature_malformed');
  });

  it('template_value_missing: a header the template signs is absent', () => {
    const d = expectCause(diagnose(withHeader(signed(), 'X-Acme-Event', null)), 'invalid', 'template_value_missing');
    expect(d.reason).toContain('header X-Acme-Event');
  });

  it('id_missing and url_missing, for templates that sign them', () => {
    const withId = schemeOf({ header: 'X-Sig', template: '{id}.{body}', idHeader: 'X-Id' });
    const headers = signOrFail(withId, { secret: SECRET, rawBody: BODY, timestamp: NOW_S, id: 'e1' }).headers;
    expectCause(diagnose(withHeader(headers, 'X-Id', null), BODY, [SECRET], withId), 'invalid', 'id_missing');
    const withUrl = schemeOf({ header: 'X-Sig', template: '{url}{body}' });
    const urlHeaders = signOrFail(withUrl, { secret: SECRET, rawBody: BODY, timestamp: NOW_S, url: 'https://x.example/in' }).headers;
    expectCause(diagnose(urlHeaders, BODY, [SECRET], withUrl), 'invalid', 'url_missing');
  });

  it('no_secret, timestamp_missing, timestamp_too_old, signature_mismatch', () => {
    expectCause(diagnose(signed(), BODY, []), 'no_secret', 'no_secret');
    expectCause(diagnose(withHeader(signed(), 'X-Acme-Timestamp', null)), 'invalid', 'timestamp_missing');
    expectCause(diagnose(signed(BODY, SECRET, NOW_S - 400)), 'invalid', 'timestamp_too_old');
    expectCause(diagnose(signed(BODY, 'other')), 'invalid', 'signature_mismatch');
  });

  it('wrong_encoding: hex where the description says base64', () => {
    const hex = createHmac('sha512', SECRET).update(`${NOW_S}.order.paid.${BODY}`).digest('hex');
    expectCause(diagnose(withHeader(signed(), 'X-Acme-Signature', `sha512=${hex}`)), 'invalid', 'wrong_encoding');
  });

  it('secret_whitespace and secret_base64_decoded (a text secret the signer base64-decoded)', () => {
    expectCause(diagnose(signed(), BODY, [`${SECRET}\t`]), 'invalid', 'secret_whitespace');
    const b64Secret = 'whsec_' + Buffer.from('raw key bytes here').toString('base64');
    const decoded = createHmac('sha512', Buffer.from(b64Secret.slice(6), 'base64'))
      .update(`${NOW_S}.order.paid.${BODY}`)
      .digest('base64');
    expectCause(
      diagnose(withHeader(signed(), 'X-Acme-Signature', `sha512=${decoded}`), BODY, [b64Secret]),
      'invalid',
      'secret_base64_decoded',
    );
  });

  it('secret_not_base64_decoded: a base64 secret the signer used as text', () => {
    const scheme = schemeOf({ header: 'X-Sig', encoding: 'base64', secretEncoding: 'base64' });
    const b64Secret = 'whsec_' + Buffer.from('raw key bytes here').toString('base64');
    const asText = createHmac('sha256', b64Secret).update(BODY).digest('base64');
    expectCause(diagnose([['X-Sig', asText]], BODY, [b64Secret], scheme), 'invalid', 'secret_not_base64_decoded');
  });

  it('signed_reserialized_body, reserialized_body_differs, previous_secret', () => {
    expectCause(diagnose(signed(), pretty(BODY)), 'invalid', 'signed_reserialized_body');
    expectCause(diagnose(signed(pretty(BODY)), pretty(BODY)), 'valid', 'reserialized_body_differs');
    expectCause(diagnose(signed(BODY, 'old'), BODY, [SECRET, 'old']), 'valid', 'previous_secret');
  });
});
