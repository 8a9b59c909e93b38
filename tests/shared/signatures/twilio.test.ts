import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioScheme as scheme } from '../../../shared/signatures/twilio.js';
import { expectCause, NOW, pretty, request, RUNS, signOrFail } from './support.js';

const TOKEN = '12345678901234567890123456789012';
const OLD_TOKEN = 'abcdefabcdefabcdefabcdefabcdef12';
const PUBLIC = 'https://quiet-fox.trycloudflare.com/in/sms?tenant=7';
const LOCAL = 'http://127.0.0.1:4610/in/sms?tenant=7';
const FORM = 'application/x-www-form-urlencoded';
const BODY = 'AccountSid=AC123&Body=Hello+world&From=%2B15005550006&To=%2B15005550001&MessageSid=SM1';
const JSON_BODY = '{"event":"call.ended","sid":"CA1"}';

const tokenArb = fc.stringMatching(/^[0-9a-f]{32}$/);
const paramsArb = fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 20 })), { maxLength: 8 });
const urlArb = fc
  .tuple(
    fc.constantFrom('https://quiet-fox.trycloudflare.com', 'https://a1b2.ngrok-free.app', 'https://hb.example.com:8443'),
    fc.array(fc.webSegment(), { minLength: 1, maxLength: 3 }),
    fc.option(fc.webQueryParameters(), { nil: undefined }),
  )
  .map(([origin, segments, query]) => `${origin}/${segments.join('/')}${query ? `?${query}` : ''}`);

/** The body a form post carries, and the params object twilio's validateRequest takes for it (repeats as arrays). */
function form(pairs: Array<[string, string]>): { body: string; params: Record<string, string | string[]> } {
  // No prototype: a parameter may well be called toString or __proto__.
  const params: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of pairs) {
    const had = params[name];
    params[name] = had === undefined ? value : ([] as string[]).concat(had, value);
  }
  return { body: new URLSearchParams(pairs).toString(), params };
}

function twilioHeaders(signature: string, contentType = FORM): [string, string][] {
  return [
    ['Content-Type', contentType],
    ['X-Twilio-Signature', signature],
  ];
}

function signForm(body = BODY, url = PUBLIC, token = TOKEN) {
  return signOrFail(scheme, { secret: token, rawBody: body, timestamp: 0, url, contentType: FORM });
}

describe('Twilio: the twilio library as the oracle', () => {
  it('signs form posts that validateRequest accepts, and that it refuses once a parameter is changed', () => {
    fc.assert(
      fc.property(tokenArb, urlArb, paramsArb, (token, url, pairs) => {
        const { body, params } = form(pairs);
        const signature = signForm(body, url, token).headers[0][1];
        expect(twilio.validateRequest(token, signature, url, params)).toBe(true);
        expect(twilio.validateRequest(token, signature, url, { ...params, Extra: 'x' })).toBe(false);
      }),
      RUNS,
    );
  });

  it("verifies getExpectedTwilioSignature's signatures against the public URL, and refuses another token or a changed body", () => {
    fc.assert(
      fc.property(tokenArb, tokenArb, urlArb, paramsArb, (token, other, url, pairs) => {
        const { body, params } = form(pairs);
        const headers = twilioHeaders(twilio.getExpectedTwilioSignature(token, url, params));
        expect(scheme.verify(request(headers, body, { url }), token, { now: NOW })).toEqual({ ok: true });
        expect(scheme.verify(request(headers, `${body}&Extra=x`, { url }), token, { now: NOW }).ok).toBe(false);
        if (other !== token) expect(scheme.verify(request(headers, body, { url }), other, { now: NOW }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('signs a JSON body through bodySHA256 in the URL, as validateRequestWithBody expects, both ways', () => {
    fc.assert(
      fc.property(tokenArb, urlArb, fc.json({ maxDepth: 2 }), (token, url, body) => {
        const signed = signOrFail(scheme, { secret: token, rawBody: body, timestamp: 0, url, contentType: 'application/json' });
        expect(signed.url).toContain(`bodySHA256=${twilio.getExpectedBodyHash(body)}`);
        expect(twilio.validateRequestWithBody(token, signed.headers[0][1], signed.url as string, body)).toBe(true);
        expect(twilio.validateRequestWithBody(token, signed.headers[0][1], signed.url as string, `${body} `)).toBe(false);

        const libraryUrl = `${url}${url.includes('?') ? '&' : '?'}bodySHA256=${twilio.getExpectedBodyHash(body)}`;
        const headers = twilioHeaders(twilio.getExpectedTwilioSignature(token, libraryUrl, {}), 'application/json');
        expect(scheme.verify(request(headers, body, { url: libraryUrl }), token, { now: NOW })).toEqual({ ok: true });
        expect(scheme.verify(request(headers, `${body} `, { url: libraryUrl }), token, { now: NOW }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('accepts the URL with or without its default port, as twilio-node does', () => {
    const { params } = form([...new URLSearchParams(BODY)] as Array<[string, string]>);
    const withPort = PUBLIC.replace('.com/', '.com:443/');
    const headers = twilioHeaders(twilio.getExpectedTwilioSignature(TOKEN, withPort, params));
    expect(twilio.validateRequest(TOKEN, headers[1][1], PUBLIC, params)).toBe(true);
    expect(scheme.verify(request(headers, BODY, { url: PUBLIC }), TOKEN, { now: NOW })).toEqual({ ok: true });
  });

  it('reads HMAC_SHA256 from X-Twilio-Webhooks-Signature-Settings, as twilio-node does', () => {
    const { params } = form([...new URLSearchParams(BODY)] as Array<[string, string]>);
    const signature = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC, params, 'HMAC_SHA256');
    const headers: [string, string][] = [
      ...twilioHeaders(signature),
      ['X-Twilio-Webhooks-Signature-Settings', 'key=webhooks_sharedkey_1,algorithm=HMAC_SHA256'],
    ];
    expect(scheme.verify(request(headers, BODY, { url: PUBLIC }), TOKEN, { now: NOW })).toEqual({ ok: true });
    expect(scheme.verify(request(headers.slice(0, 2), BODY, { url: PUBLIC }), TOKEN, { now: NOW }).ok).toBe(false);
  });
});

describe('Twilio: the URL causes, each from exactly that mistake', () => {
  const diagnose = (signedUrl: string, url: string | undefined = PUBLIC, localUrl: string | undefined = LOCAL, body = BODY) =>
    scheme.diagnose(request(twilioHeaders(signForm(body, signedUrl).headers[0][1]), body, { url, localUrl }), [TOKEN], { now: NOW });

  it('valid against the public URL, showing the URL and sorted parameters as the signed string', () => {
    const d = expectCause(diagnose(PUBLIC), 'valid', null);
    expect(d.signedString?.preview).toBe(`${PUBLIC}AccountSidAC123BodyHello worldFrom+15005550006MessageSidSM1To+15005550001`);
  });

  it('twilio_local_url: signed for the local URL, checked against the public one', () => {
    const d = expectCause(diagnose(LOCAL), 'invalid', 'twilio_local_url');
    expect(d.reason).toContain(LOCAL);
    expect(d.reason).toContain(PUBLIC);
  });

  it('signature_mismatch names the local URL when that is what was checked', () => {
    const d = expectCause(diagnose(PUBLIC, LOCAL, ''), 'invalid', 'signature_mismatch');
    expect(d.reason).toContain('is a local one; Twilio signs the public URL');
  });

  it('twilio_url_port: the public host with the local port', () => {
    expectCause(diagnose('https://quiet-fox.trycloudflare.com:4610/in/sms?tenant=7'), 'invalid', 'twilio_url_port');
  });

  it('twilio_url_trailing_slash', () => {
    expectCause(diagnose('https://quiet-fox.trycloudflare.com/in/sms/?tenant=7'), 'invalid', 'twilio_url_trailing_slash');
  });

  it('twilio_url_query: without the query string, or with one the public URL lacks', () => {
    expectCause(diagnose('https://quiet-fox.trycloudflare.com/in/sms'), 'invalid', 'twilio_url_query');
    const bare = 'https://quiet-fox.trycloudflare.com/in/sms';
    expectCause(diagnose(PUBLIC, bare), 'invalid', 'twilio_url_query');
  });

  it('twilio_url_scheme: http where Twilio requested https', () => {
    expectCause(diagnose(PUBLIC.replace('https:', 'http:')), 'invalid', 'twilio_url_scheme');
  });

  it('url_missing: no URL to check against', () => {
    expectCause(diagnose(PUBLIC, ''), 'invalid', 'url_missing');
  });
});

describe('Twilio: the other causes', () => {
  const diagnose = (headers: [string, string][], body = BODY, tokens = [TOKEN], url = PUBLIC) =>
    scheme.diagnose(request(headers, body, { url }), tokens, { now: NOW });
  const signature = () => signForm().headers[0][1];

  it('signature_missing; other_scheme_header (Stripe); signature_malformed (an algorithm twilio-node does not know)', () => {
    expectCause(diagnose([['Content-Type', FORM]]), 'unsigned', 'signature_missing');
    expectCause(diagnose([['Stripe-Signature', 't=1,v1=00']]), 'invalid', 'other_scheme_header');
    const headers: [string, string][] = [...twilioHeaders(signature()), ['X-Twilio-Webhooks-Signature-Settings', 'algorithm=HMAC_MD5']];
    expectCause(diagnose(headers), 'invalid', 'signature_malformed');
  });

  it('no_secret, signature_mismatch, secret_whitespace, previous_secret (the secondary auth token)', () => {
    expectCause(diagnose(twilioHeaders(signature()), BODY, []), 'no_secret', 'no_secret');
    expectCause(diagnose(twilioHeaders(signForm(BODY, PUBLIC, OLD_TOKEN).headers[0][1])), 'invalid', 'signature_mismatch');
    expectCause(diagnose(twilioHeaders(signature()), BODY, [`${TOKEN} `]), 'invalid', 'secret_whitespace');
    const d = expectCause(
      diagnose(twilioHeaders(signForm(BODY, PUBLIC, OLD_TOKEN).headers[0][1]), BODY, [TOKEN, OLD_TOKEN]),
      'valid',
      'previous_secret',
    );
    expect(d.matchedSecretIndex).toBe(1);
  });

  it('wrong_encoding: the HMAC-SHA1 in hex', () => {
    const signed = signForm().signedString;
    expectCause(diagnose(twilioHeaders(createHmac('sha1', TOKEN).update(signed).digest('hex'))), 'invalid', 'wrong_encoding');
  });

  it('body_changed: a JSON body that no longer has the signed bodySHA256', () => {
    const signed = signOrFail(scheme, { secret: TOKEN, rawBody: JSON_BODY, timestamp: 0, url: PUBLIC, contentType: 'application/json' });
    const headers = twilioHeaders(signed.headers[0][1], 'application/json');
    expectCause(diagnose(headers, JSON_BODY, [TOKEN], signed.url), 'valid', null);
    expectCause(diagnose(headers, JSON_BODY.replace('CA1', 'CA2'), [TOKEN], signed.url), 'invalid', 'body_changed');
  });

  it('signed_reserialized_body: the hash is of JSON.stringify(JSON.parse(body)), and the raw body is pretty-printed', () => {
    const signed = signOrFail(scheme, { secret: TOKEN, rawBody: JSON_BODY, timestamp: 0, url: PUBLIC, contentType: 'application/json' });
    const headers = twilioHeaders(signed.headers[0][1], 'application/json');
    expectCause(diagnose(headers, pretty(JSON_BODY), [TOKEN], signed.url), 'invalid', 'signed_reserialized_body');
  });
});
