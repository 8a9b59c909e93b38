import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultBodyMode,
  isJsonDocument,
  JSON_CHECK_LIMIT,
  jsonProblem,
  rawChunks,
} from '../../renderer/src/model/delivery/body-view-mode.js';
import { looksLikeJson, prettyJsonLines } from '../../renderer/src/model/delivery/json-pretty.js';
import { describeRetention, parseRetentionDraft, retentionDraft } from '../../renderer/src/model/inboxes/retention-draft.js';
import { flattenSnippet, focusSnippet, highlightSegments } from '../../renderer/src/model/deliveries/search-highlight.js';
import { matchesSearchLocally } from '../../renderer/src/model/deliveries/delivery-filters.js';
import type { DeliverySummary } from '../../shared/api/deliveries.js';

describe('highlightSegments', () => {
  it('marks each range and keeps the text around it', () => {
    expect(
      highlightSegments('a brake inspection today', [
        [2, 7],
        [8, 18],
      ]),
    ).toEqual([
      { text: 'a ', hit: false },
      { text: 'brake', hit: true },
      { text: ' ', hit: false },
      { text: 'inspection', hit: true },
      { text: ' today', hit: false },
    ]);
  });

  it('merges overlapping and unsorted ranges, clamps out-of-range ones and drops empty ones', () => {
    expect(
      highlightSegments('abcdef', [
        [3, 5],
        [0, 2],
        [1, 4],
        [4, 4],
        [5, 99],
        [-3, 0],
      ]),
    ).toEqual([{ text: 'abcdef', hit: true }]);
    expect(highlightSegments('abc', [[10, 12]])).toEqual([{ text: 'abc', hit: false }]);
    expect(highlightSegments('', [[0, 1]])).toEqual([]);
  });

  it('always joins back to the text, whatever the ranges', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }))), (text, ranges) => {
        const segments = highlightSegments(text, ranges);
        expect(segments.map((s) => s.text).join('')).toBe(text);
        for (let i = 1; i < segments.length; i += 1) expect(segments[i].hit && segments[i - 1].hit).toBe(false);
        expect(segments.every((s) => s.text.length > 0)).toBe(true);
      }),
    );
  });
});

describe('focusSnippet', () => {
  it('cuts the lead-in before the first hit to a few characters and shifts the ranges', () => {
    const text = 'the customer said that the car needs a brake inspection before the trip';
    const start = text.indexOf('brake');
    const focused = focusSnippet(text, [[start, start + 5]]);
    expect(focused.text.startsWith('…')).toBe(true);
    const [[s, e]] = focused.ranges;
    expect(focused.text.slice(s, e)).toBe('brake');
    expect(s).toBeLessThanOrEqual(10);
  });

  it('leaves a snippet whose hit is already near the start alone', () => {
    expect(focusSnippet('brake inspection', [[0, 5]])).toEqual({ text: 'brake inspection', ranges: [[0, 5]] });
  });

  it('flattens control characters to spaces', () => {
    expect(flattenSnippet('a\nb\tc')).toBe('a b c');
  });
});

describe('matchesSearchLocally (live rows during a search)', () => {
  const summary = { path: '/i/shop/orders', event: 'order.paid' } as DeliverySummary;
  it('keeps plain words found in the path or event', () => {
    expect(matchesSearchLocally(summary, 'shop order')).toBe(true);
    expect(matchesSearchLocally(summary, 'shop refund')).toBe(false);
    expect(matchesSearchLocally(summary, '')).toBe(true);
  });
  it('never lets a row join a search that needs the index (phrases, prefixes, fields)', () => {
    expect(matchesSearchLocally(summary, '"shop orders"')).toBe(false);
    expect(matchesSearchLocally(summary, 'ord*')).toBe(false);
    expect(matchesSearchLocally(summary, 'event:order.paid')).toBe(false);
  });
});

describe('prettyJsonLines', () => {
  it('indents without touching literals', () => {
    expect(prettyJsonLines('{"a":1.50,"b":[true,null,"x, {y}: \\"z\\""],"c":{},"d":[]}')).toEqual([
      '{',
      '  "a": 1.50,',
      '  "b": [',
      '    true,',
      '    null,',
      '    "x, {y}: \\"z\\""',
      '  ],',
      '  "c": {},',
      '  "d": []',
      '}',
    ]);
  });

  it('keeps every non-whitespace character of valid JSON, in order', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const strip = (value: string) => JSON.stringify(JSON.parse(value));
        expect(strip(prettyJsonLines(text).join('\n'))).toBe(strip(text));
      }),
    );
  });

  it('never throws on broken JSON', () => {
    expect(prettyJsonLines('{"a": [1, 2').length).toBeGreaterThan(1);
    expect(prettyJsonLines('"unterminated')).toEqual(['"unterminated']);
  });

  it('tells JSON-looking text from other text', () => {
    expect(looksLikeJson('  \n{"a":1}')).toBe(true);
    expect(looksLikeJson('[1]')).toBe(true);
    expect(looksLikeJson('a=1')).toBe(false);
  });
});

describe('large bodies', () => {
  it('opens one JSON document as JSON, NDJSON and other text as raw, binary as hex', () => {
    const utf8 = (data: string) => ({ encoding: 'utf8' as const, data, size: data.length });
    expect(isJsonDocument(utf8('  {"a":1}'))).toBe(true);
    expect(isJsonDocument(utf8('[1]'))).toBe(true);
    expect(isJsonDocument(utf8('a=1&b=2'))).toBe(false);
    expect(isJsonDocument(utf8('{"row":1}\n'.repeat(1000)))).toBe(false);
    const pretty = JSON.stringify({ rows: Array.from({ length: 300_000 }, (_, i) => ({ i })) }, null, 2);
    expect(isJsonDocument(utf8(pretty))).toBe(true);
    expect(defaultBodyMode(utf8('[1]'))).toBe('json');
    expect(defaultBodyMode(utf8('plain'))).toBe('raw');
    expect(defaultBodyMode({ encoding: 'base64', data: 'AAE=', size: 2 })).toBe('hex');
  });

  it('says why text is not valid JSON, and skips the check past its size limit', () => {
    expect(jsonProblem('{"a": [1, 2]}')).toBeNull();
    expect(jsonProblem('{"a": [1, 2}')).toMatch(/JSON/);
    expect(jsonProblem('{' + ' '.repeat(JSON_CHECK_LIMIT))).toBeNull();
  });

  it('cuts text into blocks that join back exactly, at line ends when near', () => {
    const text = ('line of text\n'.repeat(50) + 'x'.repeat(300)).repeat(3);
    const chunks = rawChunks(text, 100);
    expect(chunks.join('')).toBe(text);
    expect(chunks.every((chunk) => chunk.length <= 100)).toBe(true);
    expect(chunks[0].endsWith('\n')).toBe(true);
    expect(rawChunks('')).toEqual([]);
  });
});

describe('retention draft', () => {
  it('reads numbers, empty as no limit, and says what to fix', () => {
    expect(parseRetentionDraft({ maxCount: '5,000', maxAgeHours: '' })).toEqual({
      ok: true,
      retention: { max_count: 5000, max_age_hours: null },
    });
    expect(parseRetentionDraft({ maxCount: '', maxAgeHours: ' 72 ' })).toEqual({
      ok: true,
      retention: { max_count: null, max_age_hours: 72 },
    });
    expect(parseRetentionDraft({ maxCount: '0', maxAgeHours: '' })).toMatchObject({ ok: false, field: 'maxCount' });
    expect(parseRetentionDraft({ maxCount: '1.5', maxAgeHours: '' })).toMatchObject({ ok: false, field: 'maxCount' });
    expect(parseRetentionDraft({ maxCount: '', maxAgeHours: '9999999' })).toMatchObject({ ok: false, field: 'maxAgeHours' });
  });

  it('round-trips the limits in force and describes them', () => {
    expect(retentionDraft({ max_count: 100000, max_age_hours: null })).toEqual({ maxCount: '100000', maxAgeHours: '' });
    expect(describeRetention({ max_count: 100000, max_age_hours: null })).toBe(
      'Keeps the newest 100,000 · no age limit · pinned ones always stay',
    );
    expect(describeRetention({ max_count: null, max_age_hours: 72 })).toBe(
      'Keeps every delivery · removes those older than 3 days · pinned ones always stay',
    );
    expect(describeRetention({ max_count: 5, max_age_hours: 5 })).toContain('older than 5 hours');
  });
});
