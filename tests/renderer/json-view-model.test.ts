import { describe, expect, it } from 'vitest';
import { jsonLineTokens } from '../../renderer/src/model/delivery/json-line-tokens.js';
import { prettyJson } from '../../renderer/src/model/delivery/json-pretty.js';

const kinds = (line: string) => jsonLineTokens(line).map((token) => [token.kind, line.slice(token.from, token.to)]);

describe('pretty JSON fold pairs', () => {
  it('pairs each line that opens an object or array with the line that closes it', () => {
    const { lines, closeLine } = prettyJson('{"a":{"b":[1,2]},"c":[],"d":3}');
    expect(lines).toEqual(['{', '  "a": {', '    "b": [', '      1,', '      2', '    ]', '  },', '  "c": [],', '  "d": 3', '}']);
    expect([...closeLine]).toEqual([9, 6, 5, -1, -1, -1, -1, -1, -1, -1]);
  });

  it('leaves an unclosed object without a pair rather than failing', () => {
    const { lines, closeLine } = prettyJson('{"a": [1, 2');
    expect(lines.length).toBeGreaterThan(1);
    expect([...closeLine].every((close) => close === -1)).toBe(true);
  });
});

describe('one JSON line, coloured on its own', () => {
  it('tells keys from string values, and finds numbers, literals and punctuation', () => {
    expect(kinds('  "id": 12.5e3,')).toEqual([
      ['key', '"id"'],
      ['punct', ':'],
      ['number', '12.5e3'],
      ['punct', ','],
    ]);
    expect(kinds('  "say": "a \\"quoted\\": word",')).toEqual([
      ['key', '"say"'],
      ['punct', ':'],
      ['string', '"a \\"quoted\\": word"'],
      ['punct', ','],
    ]);
    expect(kinds('    true, null, -1')).toEqual([
      ['literal', 'true'],
      ['punct', ','],
      ['literal', 'null'],
      ['punct', ','],
      ['number', '-1'],
    ]);
  });

  it('stops at the limit and leaves what it does not know plain', () => {
    const long = `  "note": "${'n'.repeat(100)}"`;
    const tokens = jsonLineTokens(long, 20);
    expect(tokens.at(-1)).toEqual({ kind: 'string', from: 10, to: 20 });
    expect(kinds('  oops: @')).toEqual([['punct', ':']]);
  });
});
