import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../shared/inboundflow/diagnose.js';
import { LEAD_CREATED_SAMPLE } from '../../shared/inboundflow/samples.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { describeSecret, signatureFor, signedMessage, trySecret } from '../../renderer/src/model/signatures/secret-trial.js';

const subtle = globalThis.crypto.subtle;
const TS = '1709064000';
const BODY = JSON.stringify(LEAD_CREATED_SAMPLE, null, 2);
const bytes = (text: string) => new TextEncoder().encode(text);
const signedHeaders = (signature: string, timestamp = TS): [string, string][] => [
  ['Content-Type', 'application/json'],
  ['X-InboundFlow-Timestamp', timestamp],
  ['X-InboundFlow-Signature', signature],
];

describe('signatureFor (WebCrypto)', () => {
  it('computes exactly what the shared sign() computes, for any secret, timestamp and body bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.nat(), fc.uint8Array(), async (secret, timestamp, body) => {
        const message = signedMessage(String(timestamp), body);
        expect(await signatureFor(subtle, secret, message)).toBe(sign(secret, timestamp, Buffer.from(body)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('trySecret', () => {
  it('says a secret matches exactly when diagnose() finds it valid with that secret', async () => {
    const signature = sign('whsec_right', TS, BODY);
    const headers = signedHeaders(signature);
    for (const secret of ['whsec_right', 'whsec_wrong', 'whsec_righ']) {
      const trial = await trySecret({ body: bytes(BODY), headers, secret }, subtle);
      const verdict = diagnose({ rawBody: Buffer.from(BODY), headers, secrets: [secret], now: new Date(Number(TS) * 1000) }).verdict;
      expect(trial.kind === 'match').toBe(verdict === 'valid');
    }
  });

  it('finds the secret once whitespace or a "sha256=" prefix pasted along with it is removed, and offers the corrected one', async () => {
    const headers = signedHeaders(sign('whsec_right', TS, BODY));
    expect(await trySecret({ body: bytes(BODY), headers, secret: ' whsec_right\n' }, subtle)).toEqual({
      kind: 'match_corrected',
      secret: 'whsec_right',
      mistake: 'whitespace',
    });
    expect(await trySecret({ body: bytes(BODY), headers, secret: 'sha256=whsec_right' }, subtle)).toEqual({
      kind: 'match_corrected',
      secret: 'whsec_right',
      mistake: 'sha256_prefix',
    });
  });

  it('reports no match with both signatures for a wrong secret or a changed body', async () => {
    const signature = sign('whsec_right', TS, BODY);
    const trial = await trySecret(
      { body: bytes(BODY.replace('Dave', 'Eve')), headers: signedHeaders(signature), secret: 'whsec_right' },
      subtle,
    );
    expect(trial).toMatchObject({ kind: 'no_match', received: signature });
  });

  it('cannot check an unsigned delivery, a malformed signature, a missing or ISO timestamp, or an empty secret', async () => {
    const good = sign('s', TS, BODY);
    const cases: { headers: [string, string][]; secret: string }[] = [
      { headers: [['X-InboundFlow-Timestamp', TS]], secret: 's' },
      { headers: signedHeaders(good.toUpperCase()), secret: 's' },
      { headers: [...signedHeaders(good), ['X-InboundFlow-Signature', good]], secret: 's' },
      { headers: [['X-InboundFlow-Signature', good]], secret: 's' },
      { headers: signedHeaders(good, '2026-02-24T21:00:00.000Z'), secret: 's' },
      { headers: signedHeaders(good), secret: '' },
    ];
    for (const { headers, secret } of cases) {
      expect((await trySecret({ body: bytes(BODY), headers, secret }, subtle)).kind).toBe('cannot_check');
    }
    expect((await trySecret({ body: bytes(BODY), headers: signedHeaders(good), secret: 's' }, null)).kind).toBe('cannot_check');
  });
});

describe('describeSecret', () => {
  it('names paste mistakes and shows only the first characters', () => {
    expect(describeSecret('whsec_right\n')).toEqual({ hint: 'whse…', length: 12, problems: ['ends with a line break'] });
    expect(describeSecret(' sha256=abc').problems).toEqual(['starts with whitespace', 'starts with "sha256="']);
    expect(describeSecret('whsec_right').problems).toEqual([]);
  });
});
