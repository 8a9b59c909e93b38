import { describe, it, expect } from 'vitest';
import { digestMatches, sign, verify } from '../../../shared/inboundflow/signature.js';

// Known answers computed outside this code base, on the signed string "<timestamp>.<body>":
//   printf '%s' '<signed string>' | openssl dgst -sha256 -hmac '<secret>'
// and cross-checked with python3: hmac.new(secret_bytes, signed_bytes, hashlib.sha256).hexdigest().
// The shell ran with LANG=C.UTF-8, so non-ASCII text was hashed as UTF-8 bytes.
const SECRET = 'whsec_test_secret';
const TS = '1709064000';

describe('sign: known-answer vectors (openssl dgst -sha256 -hmac)', () => {
  it('signs a compact JSON body', () => {
    // printf '%s' '1709064000.{"event":"call.completed","delivery_id":"d-1"}' | openssl dgst -sha256 -hmac whsec_test_secret
    expect(sign(SECRET, TS, '{"event":"call.completed","delivery_id":"d-1"}')).toBe(
      'sha256=4a2da7f0cf280fe3dab3eb8651d0f5e9b421da01f9224f446395c675c9fc4f9d',
    );
  });

  it('signs a unicode body as its UTF-8 bytes (2-, 3- and 4-byte characters)', () => {
    // printf '%s' '1709064000.{"caller_name":"Zoë Ødegård","note":"日本語 ☎ 😀"}' | openssl dgst -sha256 -hmac whsec_test_secret
    const body = '{"caller_name":"Zoë Ødegård","note":"日本語 ☎ 😀"}';
    const expected = 'sha256=0c26b61e8026a61985333bd5c424311be229f14623d99d17afda46558f0f14fe';
    expect(sign(SECRET, TS, body)).toBe(expected);
    expect(sign(SECRET, TS, Buffer.from(body, 'utf8'))).toBe(expected);
  });

  it('signs escaped slashes as sent, which differs from the unescaped form', () => {
    // printf '%s' '1709064000.{"recording_url":"https:\/\/x"}' | openssl dgst -sha256 -hmac whsec_test_secret
    // (printf %s copies the backslashes unchanged; od -c confirmed the bytes "https:\/\/x")
    const escaped = String.raw`{"recording_url":"https:\/\/x"}`;
    expect(sign(SECRET, TS, escaped)).toBe('sha256=dabae3521ee8d42870cf9c95a40ffafdb9346fcd3d1081106251e9ef5cf6bd41');
    // printf '%s' '1709064000.{"recording_url":"https://x"}' | openssl dgst -sha256 -hmac whsec_test_secret
    expect(sign(SECRET, TS, '{"recording_url":"https://x"}')).toBe(
      'sha256=c0f26224bbe495871a5d27fe6fe7b17663419877d021727b9ff46d9ebf3f0e55',
    );
  });

  it('signs a 1 MiB body', () => {
    // python3 -c "import sys; sys.stdout.write('1709064000.' + '0123456789abcdef'*65536)" | openssl dgst -sha256 -hmac whsec_test_secret
    // (wc -c of that stream: 1048587 = 11 + 1048576)
    const body = Buffer.from('0123456789abcdef'.repeat(65536), 'latin1');
    expect(body.length).toBe(1024 * 1024);
    expect(sign(SECRET, TS, body)).toBe('sha256=a98a4faed3b74380b667bdfd6e280cafe2119e5598a2631fb1b0e1843fa2db79');
  });

  it('signs an empty body as "<timestamp>."', () => {
    // printf '%s' '1709064000.' | openssl dgst -sha256 -hmac whsec_test_secret
    expect(sign(SECRET, TS, '')).toBe('sha256=0dc1b3819dc85518412a9490a575a30e8342c35cc9b678d7eb628624183fb998');
  });

  it('uses a unicode secret as its UTF-8 bytes', () => {
    // printf '%s' '1709064000.{}' | openssl dgst -sha256 -hmac 'sëcret-ключ'
    expect(sign('sëcret-ключ', TS, '{}')).toBe('sha256=3d265b2b8a1ad16f2b2b60aaa5246764b50709bc6d5d3b09c240fc292335b312');
  });

  it('keeps newlines and indentation of a pretty-printed body', () => {
    // printf '1709064000.{\n  "a": 1\n}' | openssl dgst -sha256 -hmac whsec_test_secret
    expect(sign(SECRET, TS, '{\n  "a": 1\n}')).toBe('sha256=45df3f835894fe537193857d34f7ef717896caef2117f433a7f62e2b63f67ef1');
  });

  it('gives the same signature for a numeric and a string timestamp', () => {
    expect(sign(SECRET, 1709064000, '{}')).toBe(sign(SECRET, '1709064000', '{}'));
  });
});

describe('verify', () => {
  const body = '{"event":"call.completed","delivery_id":"d-1"}';
  const good = 'sha256=4a2da7f0cf280fe3dab3eb8651d0f5e9b421da01f9224f446395c675c9fc4f9d';

  it('accepts the known-answer signature', () => {
    expect(verify({ secret: SECRET, timestamp: TS, signature: good, rawBody: Buffer.from(body) })).toEqual({ ok: true });
  });

  it('rejects upper-case hex, so that every byte of the header is covered', () => {
    const upper = `sha256=${good.slice(7).toUpperCase()}`;
    const result = verify({ secret: SECRET, timestamp: TS, signature: upper, rawBody: body });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/upper-case hex/) });
  });

  it('rejects another secret with a mismatch reason', () => {
    const result = verify({ secret: 'other', timestamp: TS, signature: good, rawBody: body });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  it.each([
    ['a short signature', 'sha256=abc123', /6 hex digits.*64/],
    ['a long signature', `${good}00`, /66 hex digits/],
    ['non-hex characters', `sha256=${'z'.repeat(64)}`, /non-hex character "z" at position 7/],
    ['a bare hex digest without prefix', good.slice(7), /lacks the "sha256=" prefix/],
    ['another scheme', `v1=${good.slice(7)}`, /does not start with "sha256="/],
    ['an empty signature', '', /empty/],
  ])('gives a reason instead of throwing for %s', (_name, signature, reason) => {
    const result = verify({ secret: SECRET, timestamp: TS, signature, rawBody: body });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });

  it('refuses an empty secret rather than checking against it', () => {
    const signature = sign('', TS, body);
    const result = verify({ secret: '', timestamp: TS, signature, rawBody: body });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/No signing secret/) });
  });

  it('returns a reason for inputs of the wrong type from untyped callers', () => {
    const untyped = verify as (input: unknown) => ReturnType<typeof verify>;
    expect(untyped({ secret: SECRET, timestamp: TS, signature: good, rawBody: undefined }).ok).toBe(false);
    expect(untyped({ secret: SECRET, timestamp: undefined, signature: good, rawBody: body }).ok).toBe(false);
    expect(untyped({ secret: SECRET, timestamp: TS, signature: ['a', 'b'], rawBody: body }).ok).toBe(false);
  });
});

describe('verify: the exact reasons (a user reads them)', () => {
  const body = '{"event":"call.completed","delivery_id":"d-1"}';
  const good = 'sha256=4a2da7f0cf280fe3dab3eb8651d0f5e9b421da01f9224f446395c675c9fc4f9d';
  const reason = (input: Partial<Parameters<typeof verify>[0]>) => {
    const result = (verify as (input: unknown) => ReturnType<typeof verify>)({
      secret: SECRET,
      timestamp: TS,
      signature: good,
      rawBody: body,
      ...input,
    });
    return result.ok ? null : result.reason;
  };

  it('names the position and the character of a non-hex digit, with the upper-case hint only for upper-case hex', () => {
    expect(reason({ signature: `sha256=${'a'.repeat(10)}g${'a'.repeat(53)}` })).toBe(
      'The signature has a non-hex character "g" at position 17.',
    );
    expect(reason({ signature: `sha256=${'a'.repeat(3)}F${'a'.repeat(60)}` })).toBe(
      'The signature has a non-hex character "F" at position 10 (upper-case hex; InboundFlow sends lower case).',
    );
  });

  it('quotes at most the first 10 characters of a signature with another scheme', () => {
    expect(reason({ signature: `v1=${good.slice(7)}` })).toBe('The signature does not start with "sha256=" (it starts with "v1=4a2da7f").');
  });

  it('calls only exactly 64 bare hex digits a missing prefix', () => {
    expect(reason({ signature: good.slice(7) })).toBe('The signature lacks the "sha256=" prefix; expected sha256=<64 hex digits>.');
    expect(reason({ signature: `${good.slice(7)}0` })).toMatch(/^The signature does not start with "sha256="/);
  });

  it('checks a numeric timestamp like its text, and names a missing one', () => {
    expect(reason({ timestamp: Number(TS) })).toBeNull();
    expect(reason({ timestamp: undefined })).toBe('The timestamp is missing; it is part of what is signed.');
    expect(reason({ timestamp: { at: TS } as unknown as string })).toBe('The timestamp is missing; it is part of what is signed.');
  });

  it('gives a reason, never an exception, for a missing secret or body', () => {
    expect(reason({ secret: undefined })).toBe('No signing secret was given, so the signature cannot be checked.');
    expect(reason({ secret: 42 as unknown as string })).toBe('No signing secret was given, so the signature cannot be checked.');
    expect(reason({ rawBody: 42 as unknown as string })).toBe('The body must be the raw bytes (Buffer) or text that was received.');
  });

  it('compares a digest of the wrong length as a mismatch instead of throwing', () => {
    expect(digestMatches(Buffer.alloc(31), SECRET, TS, body)).toBe(false);
    expect(digestMatches(Buffer.from(good.slice(7), 'hex'), SECRET, TS, body)).toBe(true);
  });
});
