import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { diagnose } from '../../../shared/inboundflow/diagnose.js';
import { sign, signedBytes, verify } from '../../../shared/inboundflow/signature.js';

const secret = fc.string({ minLength: 1, maxLength: 40 });
const timestamp = fc.integer({ min: 0, max: 99_999_999_999 }).map(String);
const body = fc.uint8Array({ minLength: 1, maxLength: 512 }).map((bytes) => Buffer.from(bytes));
// Which position to change (reduced modulo the length) and by how much (never 0, so it really changes).
const tamper = fc.record({ at: fc.nat(), delta: fc.integer({ min: 1, max: 255 }) });

/** Replaces one character with a different one in U+0000–U+00FF, which UTF-8 encodes injectively. */
function tamperChar(text: string, at: number, delta: number): string {
  const index = at % text.length;
  const changed = String.fromCharCode((text.charCodeAt(index) + delta) % 256);
  return text.slice(0, index) + changed + text.slice(index + 1);
}

/** The documented scheme written out independently: sha256= and the lower-case hex HMAC of "<timestamp>.<raw body>". */
function documentedSignature(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.concat([Buffer.from(timestamp, 'ascii'), Buffer.from([0x2e]), body]))
    .digest('hex')}`;
}

describe('sign: the signed string’s format (properties)', () => {
  it('signs exactly "<timestamp>.<raw body>" and writes sha256= with 64 lower-case hex digits', () => {
    fc.assert(
      fc.property(
        secret,
        timestamp,
        fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
        (s, t, b) => {
          expect(signedBytes(t, b).equals(Buffer.concat([Buffer.from(`${t}.`), b]))).toBe(true);
          const signature = sign(s, t, b);
          expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
          expect(signature).toBe(documentedSignature(s, t, b));
        },
      ),
    );
  });

  it('signs a text body as its UTF-8 bytes and a numeric timestamp as its decimal text', () => {
    fc.assert(
      fc.property(secret, fc.integer({ min: 0, max: 99_999_999_999 }), fc.string({ unit: 'grapheme', maxLength: 80 }), (s, t, text) => {
        expect(sign(s, t, text)).toBe(documentedSignature(s, String(t), Buffer.from(text, 'utf8')));
      }),
    );
  });

  it('accepts a signature made by the documented recipe, not only its own', () => {
    fc.assert(
      fc.property(secret, timestamp, body, (s, t, b) => {
        expect(verify({ secret: s, timestamp: t, signature: documentedSignature(s, t, b), rawBody: b })).toEqual({ ok: true });
      }),
    );
  });
});

describe('verify: properties', () => {
  it('accepts what sign produces', () => {
    fc.assert(
      fc.property(secret, timestamp, body, (s, t, b) => {
        expect(verify({ secret: s, timestamp: t, signature: sign(s, t, b), rawBody: b })).toEqual({ ok: true });
      }),
    );
  });

  it('detects any single-byte change of the body', () => {
    fc.assert(
      fc.property(secret, timestamp, body, tamper, (s, t, b, { at, delta }) => {
        const signature = sign(s, t, b);
        const changed = Buffer.from(b);
        changed[at % changed.length] ^= delta;
        expect(verify({ secret: s, timestamp: t, signature, rawBody: changed }).ok).toBe(false);
      }),
    );
  });

  it('detects any single-character change of the timestamp', () => {
    fc.assert(
      fc.property(secret, timestamp, body, tamper, (s, t, b, { at, delta }) => {
        const signature = sign(s, t, b);
        expect(verify({ secret: s, timestamp: tamperChar(t, at, delta), signature, rawBody: b }).ok).toBe(false);
      }),
    );
  });

  it('detects any single-character change of the signature, prefix included', () => {
    fc.assert(
      fc.property(secret, timestamp, body, tamper, (s, t, b, { at, delta }) => {
        const signature = tamperChar(sign(s, t, b), at, delta);
        expect(verify({ secret: s, timestamp: t, signature, rawBody: b }).ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects a case change of a hex letter in the signature', () => {
    // The random tamper above reaches this case rarely; pinned here because accepting either case would let it through.
    fc.assert(
      fc.property(secret, timestamp, body, (s, t, b) => {
        const signature = sign(s, t, b);
        const letter = signature.slice(7).search(/[a-f]/);
        fc.pre(letter !== -1);
        const at = 7 + letter;
        const changed = signature.slice(0, at) + signature[at].toUpperCase() + signature.slice(at + 1);
        expect(verify({ secret: s, timestamp: t, signature: changed, rawBody: b }).ok).toBe(false);
      }),
    );
  });
});

describe('diagnose: properties', () => {
  const headerName = fc.constantFrom('X-InboundFlow-Signature', 'x-inboundflow-timestamp', 'X-INBOUNDFLOW-TIMESTAMP', 'Content-Type');

  it('returns a verdict, never throws, for arbitrary headers, bodies and secrets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(headerName, fc.string({ maxLength: 80 })), { maxLength: 5 }),
        body,
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        (headers, b, secrets) => {
          const result = diagnose({ rawBody: b, headers, secrets, now: new Date(1709064000_000) });
          expect(['valid', 'invalid', 'unsigned', 'no_secret']).toContain(result.verdict);
          expect(result.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('calls a fresh signature valid and any single-byte body change invalid', () => {
    fc.assert(
      fc.property(secret, body, tamper, (s, b, { at, delta }) => {
        const headers: [string, string][] = [
          ['X-InboundFlow-Timestamp', '1709064000'],
          ['X-InboundFlow-Signature', sign(s, '1709064000', b)],
        ];
        const now = new Date(1709064000_000);
        expect(diagnose({ rawBody: b, headers, secrets: [s], now }).verdict).toBe('valid');
        const changed = Buffer.from(b);
        changed[at % changed.length] ^= delta;
        expect(diagnose({ rawBody: changed, headers, secrets: [s], now }).verdict).toBe('invalid');
      }),
    );
  });
});
