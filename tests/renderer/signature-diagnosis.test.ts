import { describe, expect, it } from 'vitest';
import { SIGNATURE_CAUSES } from '../../shared/api/signatures.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { inboundflowScheme } from '../../shared/signatures/inboundflow-adapter.js';
import { schemeVerdictOf, storedSchemeVerdict } from '../../shared/signatures/scheme-verdict.js';
import {
  CAUSE_TITLES,
  firstDifferingIndex,
  readSignatureDiagnosis,
  splitAt,
  splitEscapes,
  splitSignedPreview,
} from '../../renderer/src/model/signatures/signature-diagnosis.js';
import { SIGNATURE_VERDICTS, verdictCue } from '../../renderer/src/model/common/signature-verdict.js';

const TS = '1709064000';
const NOW = new Date(Number(TS) * 1000);

/** A verdict as the API hands it over: through JSON. */
const overJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('readSignatureDiagnosis', () => {
  it('reads every field of a stored verdict as it comes through the API', () => {
    const raw = '{ "event": "lead.created", "data": {} }';
    const compact = JSON.stringify(JSON.parse(raw));
    const headers: [string, string][] = [
      ['X-InboundFlow-Timestamp', TS],
      ['X-InboundFlow-Signature', sign('whsec_right', TS, compact)],
    ];
    const diagnosis = inboundflowScheme.diagnose({ rawBody: Buffer.from(raw), headers }, ['whsec_right'], { now: NOW });
    expect(readSignatureDiagnosis(overJson(schemeVerdictOf(diagnosis)))).toEqual({
      scheme: 'inboundflow',
      verdict: 'invalid',
      cause: 'signed_reserialized_body',
      reason: diagnosis.reason,
      fix: diagnosis.fix,
      steps: {
        signedStringPreview: `${TS}.${raw}`,
        signedStringLength: TS.length + 1 + raw.length,
        expected: sign('whsec_right', TS, raw),
        received: headers[1][1],
        receivedHeader: headers[1][1],
        matchedSecretIndex: 0,
      },
      firstDifference: { offset: 1, raw: diagnosis.bodyDifference!.raw, reserialized: diagnosis.bodyDifference!.reserialized },
      timestampAgeSeconds: 0,
      url: null,
      localUrl: null,
    });
  });

  it('reads an InboundFlow diagnosis stored before schemes existed, and refuses what is not a verdict', () => {
    const legacy = storedSchemeVerdict({ verdict: 'unsigned', reason: 'No header.', cause: 'signature_missing', steps: {} });
    expect(readSignatureDiagnosis(legacy)).toMatchObject({
      scheme: 'inboundflow',
      verdict: 'unsigned',
      cause: 'signature_missing',
      steps: { signedStringPreview: null, expected: null, received: null, matchedSecretIndex: null },
      firstDifference: null,
    });
    expect(readSignatureDiagnosis(null)).toBeNull();
    expect(storedSchemeVerdict({ verdict: 'maybe', reason: '' })).toBeNull();
  });

  it('has a title for every cause a scheme or the InboundFlow diagnosis can give', () => {
    expect(Object.keys(CAUSE_TITLES).sort()).toEqual([...SIGNATURE_CAUSES].sort());
  });
});

describe('comparing signatures', () => {
  it('finds the first differing character, or the end of the shorter one', () => {
    expect(firstDifferingIndex('sha256=abc', 'sha256=abc')).toBeNull();
    expect(firstDifferingIndex('sha256=abc', 'sha256=abd')).toBe(9);
    expect(firstDifferingIndex('sha256=abc', 'sha256=ab')).toBe(9);
    expect(firstDifferingIndex('', 'x')).toBe(0);
  });

  it('splits a value around one character', () => {
    expect(splitAt('sha256=abc', 8)).toEqual(['sha256=a', 'b', 'c']);
    expect(splitAt('abc', null)).toEqual(['abc', '', '']);
    expect(splitAt('abc', 3)).toEqual(['abc', '', '']);
  });

  it('marks an escape written for a control byte whole, also when the difference falls after its backslash', () => {
    expect(splitAt('{\\n  "a"', 1, { escapes: true })).toEqual(['{', '\\n', '  "a"']);
    expect(splitAt('{\\t"a"', 2, { escapes: true })).toEqual(['{', '\\t', '"a"']);
    expect(splitAt('x\\u001fy', 1, { escapes: true })).toEqual(['x', '\\u001f', 'y']);
    expect(splitAt('{\\n', 1)).toEqual(['{', '\\', 'n']);
  });

  it('tells the escapes written for control bytes apart from the text around them', () => {
    expect(splitEscapes('{\\n  "a":\\t1\\u001f}')).toEqual([
      { text: '{', escape: false },
      { text: '\\n', escape: true },
      { text: '  "a":', escape: false },
      { text: '\\t', escape: true },
      { text: '1', escape: false },
      { text: '\\u001f', escape: true },
      { text: '}', escape: false },
    ]);
    expect(splitEscapes('')).toEqual([]);
  });

  it('splits the signed string preview into the timestamp and the body', () => {
    expect(splitSignedPreview('1709064000.{"a":1.5}')).toEqual({ timestamp: '1709064000', body: '{"a":1.5}' });
  });
});

describe('verdictCue', () => {
  it('gives every verdict its own shape and words, so it reads without colour', () => {
    const cues = SIGNATURE_VERDICTS.map(verdictCue);
    expect(new Set(cues.map((cue) => cue.shape)).size).toBe(cues.length);
    expect(new Set(cues.map((cue) => cue.short)).size).toBe(cues.length);
    expect(verdictCue('no_secret').short).toBe('no secret');
  });
});
