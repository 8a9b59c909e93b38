import { createRequire } from 'node:module';
import { describe, it, expect } from 'vitest';
import { CALL_COMPLETED_SAMPLE } from '../../../shared/inboundflow/samples.js';
import { sign, verify } from '../../../shared/inboundflow/signature.js';

// The docs' verifyWebhook takes the *parsed* body (req.body) and re-stringifies it before
// hashing; these tests pin down where that works and where it breaks, next to verify().
const require = createRequire(import.meta.url);
const { verifyWebhook } = require('./docs-verify-webhook.cjs') as {
  verifyWebhook: (body: unknown, timestamp: string, signature: string, secret: string) => boolean;
};

const SECRET = 'whsec_docs_sample';
const TS = '1709064000';

describe("the docs' verifyWebhook sample", () => {
  it('accepts what sign() produces for a compact body (JSON.stringify output)', () => {
    const raw = JSON.stringify(CALL_COMPLETED_SAMPLE);
    const signature = sign(SECRET, TS, raw);
    expect(verifyWebhook(JSON.parse(raw), TS, signature, SECRET)).toBe(true);
    expect(verify({ secret: SECRET, timestamp: TS, signature, rawBody: Buffer.from(raw) })).toEqual({ ok: true });
  });

  it('throws when the signature has a different length; verify() returns a reason', () => {
    const raw = JSON.stringify(CALL_COMPLETED_SAMPLE);
    const short = 'sha256=abc123';
    expect(() => verifyWebhook(JSON.parse(raw), TS, short, SECRET)).toThrow(RangeError);
    expect(verify({ secret: SECRET, timestamp: TS, signature: short, rawBody: raw })).toEqual({
      ok: false,
      reason: expect.stringMatching(/64/),
    });
  });

  it('rejects a correctly signed body sent with different spacing; verify() accepts the raw bytes', () => {
    const raw = JSON.stringify(CALL_COMPLETED_SAMPLE, null, 2);
    const signature = sign(SECRET, TS, raw);
    expect(verifyWebhook(JSON.parse(raw), TS, signature, SECRET)).toBe(false);
    expect(verify({ secret: SECRET, timestamp: TS, signature, rawBody: Buffer.from(raw) })).toEqual({ ok: true });
  });

  it('rejects a body whose integer-like keys re-stringify in another order', () => {
    // JS objects list integer-like keys first, so parse + stringify moves "10" and "2" ahead of "b".
    const raw = '{"b":1,"10":"x","2":"y"}';
    expect(JSON.stringify(JSON.parse(raw))).toBe('{"2":"y","10":"x","b":1}');
    const signature = sign(SECRET, TS, raw);
    expect(verifyWebhook(JSON.parse(raw), TS, signature, SECRET)).toBe(false);
    expect(verify({ secret: SECRET, timestamp: TS, signature, rawBody: raw })).toEqual({ ok: true });
  });

  it('rejects escaped slashes and \\u escapes, which JSON.stringify writes differently', () => {
    for (const raw of [String.raw`{"recording_url":"https:\/\/x"}`, String.raw`{"caller_name":"Zo\u00eb"}`]) {
      const signature = sign(SECRET, TS, raw);
      expect(verifyWebhook(JSON.parse(raw), TS, signature, SECRET)).toBe(false);
      expect(verify({ secret: SECRET, timestamp: TS, signature, rawBody: raw })).toEqual({ ok: true });
    }
  });
});
