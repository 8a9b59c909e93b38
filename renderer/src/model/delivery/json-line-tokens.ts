export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct';

export interface JsonToken {
  kind: JsonTokenKind;
  from: number;
  to: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/**
 * Colours one pretty-printed JSON line on its own, without the rest of the document: a key is a
 * string followed by a colon. Cheap enough to run on the lines in view of a 10 MiB body on every scroll.
 * Looks at most `limit` characters; anything it does not know stays plain.
 */
export function jsonLineTokens(line: string, limit = line.length): JsonToken[] {
  const tokens: JsonToken[] = [];
  const end = Math.min(limit, line.length);
  let i = 0;
  while (i < end) {
    const char = line[i];
    if (char === ' ' || char === '\t') {
      i += 1;
    } else if (char === '"') {
      let close = i + 1;
      while (close < line.length && line[close] !== '"') close += line[close] === '\\' ? 2 : 1;
      const to = Math.min(close + 1, line.length);
      let after = to;
      while (line[after] === ' ') after += 1;
      tokens.push({ kind: line[after] === ':' ? 'key' : 'string', from: i, to: Math.min(to, end) });
      i = to;
    } else if ('{}[],:'.includes(char)) {
      tokens.push({ kind: 'punct', from: i, to: i + 1 });
      i += 1;
    } else {
      NUMBER.lastIndex = i;
      LITERAL.lastIndex = i;
      const number = NUMBER.exec(line);
      const literal = number ? null : LITERAL.exec(line);
      const match = number ?? literal;
      if (match) {
        tokens.push({ kind: number ? 'number' : 'literal', from: i, to: Math.min(i + match[0].length, end) });
        i += match[0].length;
      } else {
        i += 1;
      }
    }
  }
  return tokens;
}
