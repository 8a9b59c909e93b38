import { describe, expect, it } from 'vitest';
import { findMatch } from '../../../electron/engine/store/search/match-snippet.js';

describe('findMatch', () => {
  it('prefers the path, then header values, then the body, and marks every hit in the window', () => {
    expect(findMatch(['alpha'], { path: '/alpha', headers: [['X', 'alpha']], bodyText: 'alpha' })).toEqual({
      field: 'path',
      text: '/alpha',
      ranges: [[1, 6]],
    });
    expect(findMatch(['beta'], { path: '/x', headers: [['X', 'Beta and beta']], bodyText: null })).toEqual({
      field: 'headers',
      text: 'Beta and beta',
      ranges: [
        [0, 4],
        [9, 13],
      ],
    });
    const long = `${'x'.repeat(100)} the gamma ray ${'y'.repeat(100)}`;
    const body = findMatch(['gamma ray'], { path: '/', headers: [], bodyText: long })!;
    expect(body.field).toBe('body');
    expect(body.text.slice(...body.ranges[0])).toBe('gamma ray');
    expect(body.text.length).toBeLessThan(long.length);
  });

  it('returns null when nothing matches the plain text', () => {
    expect(findMatch(['delta'], { path: '/', headers: [], bodyText: 'nothing here' })).toBeNull();
    expect(findMatch([], { path: '/delta', headers: [], bodyText: null })).toBeNull();
  });
});
