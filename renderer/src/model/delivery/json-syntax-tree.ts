/**
 * A JSON parser that keeps what JSON.parse throws away: literals exactly as written (big numbers,
 * escapes) and duplicate keys, so the pretty view shows what was sent rather than a re-serialisation.
 */
export type JsonNode =
  | { kind: 'object'; entries: JsonEntry[] }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'string'; raw: string }
  | { kind: 'number'; raw: string }
  | { kind: 'literal'; raw: 'true' | 'false' | 'null' };

export interface JsonEntry {
  /** The key literal as written, quotes included. */
  rawKey: string;
  value: JsonNode;
}

export type JsonParseResult = { ok: true; root: JsonNode } | { ok: false; message: string; offset: number };

export const MAX_TREE_DEPTH = 256;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonNode {
    this.skipSpace();
    const root = this.parseValue(0);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return root;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos += 1;
      else break;
    }
  }

  private parseValue(depth: number): JsonNode {
    if (depth > MAX_TREE_DEPTH) this.fail(`nested deeper than ${MAX_TREE_DEPTH} levels`);
    const c = this.text[this.pos];
    if (c === '{') return this.parseObject(depth);
    if (c === '[') return this.parseArray(depth);
    if (c === '"') return { kind: 'string', raw: this.parseString() };
    for (const raw of ['true', 'false', 'null'] as const) {
      if (this.text.startsWith(raw, this.pos)) {
        this.pos += raw.length;
        return { kind: 'literal', raw };
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match) {
      this.pos += match[0].length;
      return { kind: 'number', raw: match[0] };
    }
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  }

  private parseString(): string {
    const start = this.pos;
    const text = this.text;
    this.pos += 1;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos += 1;
        return text.slice(start, this.pos);
      }
      if (c === 0x5c) {
        const next = text[this.pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(this.pos + 2, this.pos + 6))) this.fail('bad \\u escape');
          this.pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          this.pos += 2;
        } else {
          this.fail('bad escape in string');
        }
      } else if (c < 0x20) {
        this.fail('control character in string');
      } else {
        this.pos += 1;
      }
    }
    return this.fail('unterminated string');
  }

  private parseObject(depth: number): JsonNode {
    this.pos += 1;
    const entries: JsonEntry[] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail('expected a "key"');
      const rawKey = this.parseString();
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail('expected ":" after the key');
      this.pos += 1;
      this.skipSpace();
      entries.push({ rawKey, value: this.parseValue(depth + 1) });
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === '}') return { kind: 'object', entries };
      if (c !== ',') {
        this.pos -= 1;
        this.fail('expected "," or "}"');
      }
    }
  }

  private parseArray(depth: number): JsonNode {
    this.pos += 1;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return { kind: 'array', items };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.parseValue(depth + 1));
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === ']') return { kind: 'array', items };
      if (c !== ',') {
        this.pos -= 1;
        this.fail('expected "," or "]"');
      }
    }
  }
}

export function parseJsonTree(text: string): JsonParseResult {
  try {
    return { ok: true, root: new Parser(text).parseDocument() };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

/** Keys whose names appear more than once in one object (JSON.parse would keep only the last). */
export function duplicateKeys(entries: JsonEntry[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { rawKey } of entries) {
    if (seen.has(rawKey)) duplicates.add(rawKey);
    seen.add(rawKey);
  }
  return duplicates;
}
