import { describe, it, expect } from 'vitest';
import { DIAGNOSE_CAUSES, DIAGNOSE_FIXES, type DiagnoseCause } from '../../../shared/inboundflow/diagnose-causes.js';
import { diagnose, type DiagnoseInput, type SignatureVerdict } from '../../../shared/inboundflow/diagnose.js';
import { sign } from '../../../shared/inboundflow/signature.js';

const SECRET = 'whsec_current';
const PREVIOUS = 'whsec_previous';
const TS = '1709064000';
const NOW = new Date(Number(TS) * 1000);
const COMPACT = '{"event":"call.completed","timestamp":"2026-02-24T21:00:00.000Z","delivery_id":"d-1","data":{}}';
const PRETTY = JSON.stringify(JSON.parse(COMPACT), null, 2);

/** A delivery as the receiver sees it: raw body, headers in arrival order. */
function delivery(body: string, headers: [string, string][], secrets: string[] = [SECRET], now = NOW): DiagnoseInput {
  return { rawBody: Buffer.from(body, 'utf8'), headers, secrets, now };
}

function signed(body: string, signature: string, timestamp = TS): [string, string][] {
  return [
    ['Content-Type', 'application/json'],
    ['X-InboundFlow-Timestamp', timestamp],
    ['X-InboundFlow-Signature', signature],
  ];
}

interface Case {
  name: string;
  input: DiagnoseInput;
  verdict: SignatureVerdict;
  cause: DiagnoseCause | null;
  reason: RegExp;
}

const cases: Case[] = [
  {
    name: 'a compact body signed with the current secret',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT))),
    verdict: 'valid',
    cause: null,
    reason: /matches the current secret/,
  },
  {
    name: 'a body signed with the previous secret during rotation',
    input: delivery(COMPACT, signed(COMPACT, sign(PREVIOUS, TS, COMPACT)), [SECRET, PREVIOUS]),
    verdict: 'valid',
    cause: 'previous_secret',
    reason: /previous secret \(#1\)/,
  },
  {
    name: 'a pretty-printed body signed as sent (valid, but a re-serializing handler fails)',
    input: delivery(PRETTY, signed(PRETTY, sign(SECRET, TS, PRETTY))),
    verdict: 'valid',
    cause: 'reserialized_body_differs',
    reason: /first difference at byte 1/,
  },
  {
    name: 'no signature header',
    input: delivery(COMPACT, [['X-InboundFlow-Timestamp', TS]]),
    verdict: 'unsigned',
    cause: 'signature_missing',
    reason: /no X-InboundFlow-Signature header, although a signing secret is configured/,
  },
  {
    name: 'two signature headers',
    input: delivery(COMPACT, [...signed(COMPACT, sign(SECRET, TS, COMPACT)), ['x-inboundflow-signature', sign(SECRET, TS, COMPACT)]]),
    verdict: 'invalid',
    cause: 'signature_malformed',
    reason: /arrived 2 times/,
  },
  {
    name: 'a signature with too few hex digits',
    input: delivery(COMPACT, signed(COMPACT, 'sha256=abc123')),
    verdict: 'invalid',
    cause: 'signature_malformed',
    reason: /6 hex digits/,
  },
  {
    name: 'a signature without the sha256= prefix',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT).slice(7))),
    verdict: 'invalid',
    cause: 'signature_malformed',
    reason: /lacks the "sha256=" prefix/,
  },
  {
    name: 'a signed delivery and no secret configured',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT)), []),
    verdict: 'no_secret',
    cause: 'no_secret',
    reason: /no signing secret is configured/,
  },
  {
    name: 'no timestamp header',
    input: delivery(COMPACT, [['X-InboundFlow-Signature', sign(SECRET, TS, COMPACT)]]),
    verdict: 'invalid',
    cause: 'timestamp_missing',
    reason: /no X-InboundFlow-Timestamp header/,
  },
  {
    name: 'a timestamp header that is not a number',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, 'soon', COMPACT), 'soon')),
    verdict: 'invalid',
    cause: 'timestamp_malformed',
    reason: /"soon", not unix time/,
  },
  {
    name: 'an ISO date in the timestamp header',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT), '2026-02-24T21:00:00.000Z')),
    verdict: 'invalid',
    cause: 'timestamp_malformed',
    reason: /is a date .* unix time in seconds/,
  },
  {
    name: 'two timestamp headers',
    input: delivery(COMPACT, [...signed(COMPACT, sign(SECRET, TS, COMPACT)), ['X-InboundFlow-Timestamp', TS]]),
    verdict: 'invalid',
    cause: 'timestamp_malformed',
    reason: /arrived 2 times/,
  },
  {
    name: 'an authentic delivery 301 s old',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT)), [SECRET], new Date(NOW.getTime() + 301_000)),
    verdict: 'invalid',
    cause: 'timestamp_too_old',
    reason: /authentic, but the timestamp is 301 s \(about 5 min\) old; the tolerance is 300 s/,
  },
  {
    name: 'an authentic delivery an hour in the future',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT)), [SECRET], new Date(NOW.getTime() - 3_600_000)),
    verdict: 'invalid',
    cause: 'timestamp_too_new',
    reason: /3600 s \(about 60 min\) in the future/,
  },
  {
    name: 'a timestamp in milliseconds',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, `${TS}000`, COMPACT), `${TS}000`)),
    verdict: 'invalid',
    cause: 'timestamp_too_new',
    reason: /looks like milliseconds/,
  },
  {
    name: 'a configured secret with a trailing newline',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT)), [`${SECRET}\n`]),
    verdict: 'invalid',
    cause: 'secret_whitespace',
    reason: /spaces or line break/,
  },
  {
    name: 'a configured secret copied with "sha256="',
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT)), [`sha256=${SECRET}`]),
    verdict: 'invalid',
    cause: 'secret_sha256_prefix',
    reason: /starts with "sha256="/,
  },
  {
    name: "a signature over the payload's ISO timestamp",
    input: delivery(COMPACT, signed(COMPACT, sign(SECRET, '2026-02-24T21:00:00.000Z', COMPACT))),
    verdict: 'invalid',
    cause: 'signed_payload_timestamp',
    reason: /payload's ISO timestamp \(2026-02-24T21:00:00.000Z\) instead of the X-InboundFlow-Timestamp header \(1709064000\)/,
  },
  {
    name: 'a body reformatted after it was signed',
    input: delivery(PRETTY, signed(PRETTY, sign(SECRET, TS, COMPACT))),
    verdict: 'invalid',
    cause: 'signed_reserialized_body',
    reason: /matches JSON.stringify\(JSON.parse\(body\)\) but not the raw bytes .* byte 1\)/,
  },
  {
    name: 'a signature made with another secret',
    input: delivery(COMPACT, signed(COMPACT, sign('whsec_someone_else', TS, COMPACT))),
    verdict: 'invalid',
    cause: 'signature_mismatch',
    reason: /does not match this secret/,
  },
  {
    name: 'a signature matching neither the current nor the previous secret',
    input: delivery(COMPACT, signed(COMPACT, sign('whsec_someone_else', TS, COMPACT)), [SECRET, PREVIOUS]),
    verdict: 'invalid',
    cause: 'signature_mismatch',
    reason: /does not match any of the 2 secrets/,
  },
];

describe('diagnose: each cause from a crafted delivery', () => {
  it.each(cases)('$name → $verdict / $cause', ({ input, verdict, cause, reason }) => {
    const result = diagnose(input);
    expect(result.verdict).toBe(verdict);
    expect(result.cause).toBe(cause);
    expect(result.reason).toMatch(reason);
    expect(result.fix).toBe(cause === null ? null : DIAGNOSE_FIXES[cause]);
  });

  it('covers every cause code in the table above', () => {
    const covered = new Set(cases.map((c) => c.cause).filter((cause) => cause !== null));
    expect([...covered].sort()).toEqual([...DIAGNOSE_CAUSES].sort());
  });

  it('gives every cause a one-line fix', () => {
    for (const cause of DIAGNOSE_CAUSES) expect(DIAGNOSE_FIXES[cause]).toMatch(/^[^\n]{20,200}$/);
  });
});

describe('diagnose: ordering and details', () => {
  it('calls a delivery without signature and without secret unsigned, not no_secret', () => {
    const result = diagnose(delivery(COMPACT, [['X-InboundFlow-Timestamp', TS]], []));
    expect(result.verdict).toBe('unsigned');
    expect(result.reason).toBe('The delivery has no X-InboundFlow-Signature header.');
  });

  it('reports a malformed signature even when no secret is configured', () => {
    expect(diagnose(delivery(COMPACT, signed(COMPACT, 'sha256=zz'), [])).cause).toBe('signature_malformed');
  });

  it('treats an empty configured secret as no secret', () => {
    expect(diagnose(delivery(COMPACT, signed(COMPACT, sign('', TS, COMPACT)), [''])).verdict).toBe('no_secret');
  });

  it('reports staleness before the re-serialization warning for an authentic old delivery', () => {
    const old = new Date(NOW.getTime() + 3_600_000);
    expect(diagnose(delivery(PRETTY, signed(PRETTY, sign(SECRET, TS, PRETTY)), [SECRET], old)).cause).toBe('timestamp_too_old');
  });

  it('accepts a delivery exactly at the tolerance and honours a custom tolerance', () => {
    const input = delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT)), [SECRET], new Date(NOW.getTime() + 300_000));
    expect(diagnose(input).verdict).toBe('valid');
    expect(diagnose({ ...input, toleranceSeconds: 299 }).cause).toBe('timestamp_too_old');
  });

  it('does not blame the timestamp for a stale delivery that does not match either', () => {
    const old = new Date(NOW.getTime() + 86_400_000);
    const input = delivery(COMPACT, signed(COMPACT, sign('whsec_someone_else', TS, COMPACT)), [SECRET], old);
    expect(diagnose(input).cause).toBe('signature_mismatch');
  });

  it('finds header names in any case', () => {
    const headers: [string, string][] = [
      ['x-inboundflow-timestamp', TS],
      ['X-INBOUNDFLOW-SIGNATURE', sign(SECRET, TS, COMPACT)],
    ];
    expect(diagnose(delivery(COMPACT, headers)).verdict).toBe('valid');
  });

  it('shows the signed string, its byte length, the expected and the received signature', () => {
    const body = '{"caller_name":"Zoë"}';
    const signature = sign(PREVIOUS, TS, body);
    const { steps } = diagnose(delivery(body, signed(body, signature), [SECRET, PREVIOUS]));
    expect(steps).toEqual({
      signedStringPreview: `${TS}.${body}`,
      signedStringLength: TS.length + 1 + Buffer.byteLength(body),
      expected: signature,
      received: signature,
      matchedSecretIndex: 1,
    });
  });

  it('shows the current secret’s signature as expected when nothing matches', () => {
    const { steps } = diagnose(delivery(COMPACT, signed(COMPACT, sign('other', TS, COMPACT))));
    expect(steps.expected).toBe(sign(SECRET, TS, COMPACT));
    expect(steps.received).toBe(sign('other', TS, COMPACT));
    expect(steps.matchedSecretIndex).toBeUndefined();
  });

  it('cuts the preview of a long body and keeps it on one line', () => {
    const body = `{"a":"${'x'.repeat(500)}",\n"b":1}`;
    const { steps } = diagnose(delivery(body, signed(body, sign(SECRET, TS, body))));
    expect(steps.signedStringPreview).toMatch(/^1709064000\.\{"a":"x+…$/);
    expect(steps.signedStringLength).toBe(11 + Buffer.byteLength(body));
  });

  it('locates the first byte where the raw body and its re-serialization differ, with escaped context', () => {
    const raw = '{"url":"https:\\/\\/x"}';
    const result = diagnose(delivery(raw, signed(raw, sign(SECRET, TS, raw))));
    expect(result.firstDifference).toEqual({
      offset: 14,
      raw: '{"url":"https:\\/\\/x"}',
      reserialized: '{"url":"https://x"}',
    });
    const pretty = diagnose(delivery(PRETTY, signed(PRETTY, sign(SECRET, TS, PRETTY)))).firstDifference;
    expect(pretty?.offset).toBe(1);
    expect(pretty?.raw.startsWith('{\\n  "event"')).toBe(true);
  });

  it('has no firstDifference for a compact body or a body that is not JSON', () => {
    expect(diagnose(delivery(COMPACT, signed(COMPACT, sign(SECRET, TS, COMPACT)))).firstDifference).toBeUndefined();
    const text = 'not json';
    expect(diagnose(delivery(text, signed(text, sign(SECRET, TS, text)))).firstDifference).toBeUndefined();
  });
});
