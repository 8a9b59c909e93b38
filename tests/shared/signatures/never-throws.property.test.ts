import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCHEMES, schemeNamed } from '../../../shared/signatures/registry.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';
import { NOW, RUNS } from './support.js';

const custom = schemeNamed('custom', { header: 'X-Sig', template: '{timestamp}.{header:X-E}.{url}.{body}', timestampHeader: 'X-Ts' });
const SCHEMES: SignatureScheme[] = [...Object.values(BUILT_IN_SCHEMES), ...(custom.ok ? [custom.scheme] : [])];

const headerName = fc.constantFrom(
  'X-InboundFlow-Signature',
  'X-InboundFlow-Timestamp',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'svix-signature',
  'Stripe-Signature',
  'X-Hub-Signature-256',
  'X-Hub-Signature',
  'X-Shopify-Hmac-Sha256',
  'X-Slack-Signature',
  'X-Slack-Request-Timestamp',
  'X-Twilio-Signature',
  'X-Twilio-Webhooks-Signature-Settings',
  'Content-Type',
  'X-Sig',
  'X-Ts',
  'X-E',
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('t=1,v1=', 'v1,', 'v1, v1,AAAA', 'sha256=', 'sha1=zz', 'v0=', '=', ',,,', 'algorithm=', 'AAAA===='),
  fc.integer().map(String),
);
const inputs = fc.record({
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  body: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  secrets: fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }),
  url: fc.option(fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string({ maxLength: 30 })), { nil: undefined }),
  now: fc.date({ noInvalidDate: true }),
});

describe('every scheme, on any input', () => {
  it.each(SCHEMES.map((scheme) => [scheme.name, scheme] as const))(
    '%s: diagnose and verify never throw, and always explain',
    (_name, scheme) => {
      fc.assert(
        fc.property(inputs, ({ headers, body, secrets, url, now }) => {
          const delivery = { headers, rawBody: body, url, localUrl: url };
          const diagnosis = scheme.diagnose(delivery, secrets, { now });
          expect(['valid', 'invalid', 'unsigned', 'no_secret']).toContain(diagnosis.verdict);
          expect(diagnosis.reason).not.toBe('');
          if (diagnosis.cause !== null) expect(diagnosis.fix).toBeTruthy();
          const verified = scheme.verify(delivery, secrets[0] ?? '', { now });
          expect(typeof verified.ok).toBe('boolean');
        }),
        RUNS,
      );
    },
  );

  it.each(SCHEMES.map((scheme) => [scheme.name, scheme] as const))('%s: sign never throws, and what it signs verifies', (_name, scheme) => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.oneof(fc.integer({ min: 0, max: 2 ** 40 }), fc.constant(Number.NaN), fc.constant(-1)),
        fc.uint8Array({ maxLength: 100 }),
        (secret, timestamp, body) => {
          const url = 'https://x.example/in';
          const headers: [string, string][] = [['X-E', 'e']];
          const signed = scheme.sign({
            secret,
            rawBody: Buffer.from(body),
            timestamp,
            id: 'm1',
            url,
            headers,
            contentType: 'application/json',
          });
          if (!signed.ok) return;
          const delivery = {
            headers: [...headers, ['Content-Type', 'application/json'] as [string, string], ...signed.headers],
            rawBody: Buffer.from(body),
            url: signed.url ?? url,
          };
          expect(scheme.verify(delivery, secret, { now: new Date(timestamp * 1000) })).toEqual({ ok: true });
        },
      ),
      RUNS,
    );
  });

  it('diagnose tolerates a request that is not even shaped like one', () => {
    for (const scheme of SCHEMES) {
      expect(() => scheme.diagnose({} as never, undefined as never, { now: NOW })).not.toThrow();
      expect(() => scheme.verify({ headers: null, rawBody: null } as never, undefined as never, { now: NOW })).not.toThrow();
    }
  });
});
