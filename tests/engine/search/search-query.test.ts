import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../electron/engine/store/search/search-query.js';

const NOW = Date.parse('2026-01-31T12:00:00Z');

describe('parseSearchQuery', () => {
  it('quotes every word so that nothing typed is read as FTS5 syntax', () => {
    expect(parseSearchQuery('refund AND NOT (x', NOW).match).toBe('"refund" AND "AND" AND "NOT" AND "(x"');
  });

  it('keeps a phrase together and refuses an unclosed quote', () => {
    const q = parseSearchQuery('"lead created" refund', NOW);
    expect(q.match).toBe('"lead created" AND "refund"');
    expect(q.terms).toEqual(['lead created', 'refund']);
    expect(() => parseSearchQuery('say "unclosed', NOW)).toThrow(/quote is not closed/);
  });

  it('reads a trailing star as a prefix search', () => {
    expect(parseSearchQuery('cust*', NOW).match).toBe('"cust" *');
  });

  it('turns field:value terms into structured filters and leaves the text to the index', () => {
    const q = parseSearchQuery('direction:in inbox:stripe event:lead.created status:5xx signature:invalid method:post refund', NOW);
    expect(q.filters).toEqual({
      direction: 'in',
      inbox: 'stripe',
      event: 'lead.created',
      status: '5xx',
      signature: 'invalid',
      method: 'POST',
    });
    expect(q.match).toBe('"refund"');
    expect(q.terms).toEqual(['refund']);
  });

  it('searches one part with path:, header: and body:, quoted values included', () => {
    expect(parseSearchQuery('path:webhooks header:"acme corp" body:x', NOW).match).toBe(
      'path : "webhooks" AND headers : "acme corp" AND body : "x"',
    );
  });

  it('reads since/until as ISO times or spans back from now', () => {
    const q = parseSearchQuery('since:2026-01-30 until:2h', NOW);
    expect(q.filters.since).toBe(Date.parse('2026-01-30'));
    expect(q.filters.until).toBe(NOW - 2 * 3_600_000);
    expect(q.match).toBeNull();
  });

  it('refuses unknown fields, bad values and empty values with a sentence that says what to use', () => {
    expect(() => parseSearchQuery('colour:red', NOW)).toThrow(/unknown field "colour:"/);
    expect(() => parseSearchQuery('status:6xx', NOW)).toThrow(/status:6xx is not a status/);
    expect(() => parseSearchQuery('direction:sideways', NOW)).toThrow(/direction:in, direction:out/);
    expect(() => parseSearchQuery('since:yesterday', NOW)).toThrow(/not a time/);
    expect(() => parseSearchQuery('event:', NOW)).toThrow(/needs a value/);
  });

  it('drops punctuation-only terms and accepts an exact status code', () => {
    const q = parseSearchQuery('--- status:404', NOW);
    expect(q.match).toBeNull();
    expect(q.filters.status).toBe('404');
  });
});
