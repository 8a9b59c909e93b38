import { describe, expect, it } from 'vitest';
import { duplicateKeys, MAX_TREE_DEPTH, parseJsonTree } from '../../renderer/src/model/delivery/json-syntax-tree.js';

describe('parseJsonTree', () => {
  it('keeps number and string literals exactly as written', () => {
    const result = parseJsonTree('{"big": 12345678901234567890123, "e": 1.50e+3, "s": "caf\\u00e9 \\"q\\""}');
    expect(result.ok && result.root).toEqual({
      kind: 'object',
      entries: [
        { rawKey: '"big"', value: { kind: 'number', raw: '12345678901234567890123' } },
        { rawKey: '"e"', value: { kind: 'number', raw: '1.50e+3' } },
        { rawKey: '"s"', value: { kind: 'string', raw: '"caf\\u00e9 \\"q\\""' } },
      ],
    });
  });

  it('keeps duplicate keys, which JSON.parse would collapse', () => {
    const result = parseJsonTree('{"a":1,"a":2,"b":[true,false,null]}');
    expect(result.ok).toBe(true);
    if (!result.ok || result.root.kind !== 'object') return;
    expect(result.root.entries.map((e) => e.rawKey)).toEqual(['"a"', '"a"', '"b"']);
    expect([...duplicateKeys(result.root.entries)]).toEqual(['"a"']);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const text of ['1', ' "x" ', '[]', '{}', '[1,[2,[3]]]', '{"a":{"b":null}}', '-0.5e-2']) {
      expect(parseJsonTree(text).ok, text).toBe(true);
    }
    for (const text of ['', '{', '[1,]', '{"a":1,}', "{'a':1}", '01', 'tru', '"\u0001"', '"\\x"', '1 2', 'NaN']) {
      expect(parseJsonTree(text).ok, text).toBe(false);
    }
  });

  it('reports where the error is', () => {
    const result = parseJsonTree('{"a": oops}');
    expect(result).toMatchObject({ ok: false, offset: 6 });
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const result = parseJsonTree(deep);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(String(MAX_TREE_DEPTH));
  });
});
