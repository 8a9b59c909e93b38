import { foldable } from '@codemirror/language';
import { EditorState, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { lightJson } from '../../renderer/src/components/common/code/light-json.js';
import { prettyJson } from '../../renderer/src/model/delivery/json-pretty.js';

// A big body is laid out by slices: the view holds its first lines while the printer's pairs cover all of them.
function firstLinesOf(body: string, count: number) {
  const { lines, closeLine } = prettyJson(body);
  const state = EditorState.create({ doc: Text.of(lines.slice(0, count)), extensions: lightJson(closeLine) });
  const foldAt = (lineNumber: number) => {
    const line = state.doc.line(lineNumber);
    return foldable(state, line.from, line.to);
  };
  return { state, foldAt };
}

describe('light JSON folding', () => {
  it('folds an object from the end of its opening line to the indent of its closing line', () => {
    const { state, foldAt } = firstLinesOf('{"a":{"b":[1,2]},"c":3}', Infinity);
    const range = foldAt(2);
    expect(range).not.toBeNull();
    expect(state.sliceDoc(range!.from, range!.to)).toBe('\n    "b": [\n      1,\n      2\n    ]\n  ');
  });

  it('offers no fold, rather than failing, while the closing line is not laid out yet', () => {
    const { foldAt } = firstLinesOf('{"a":{"b":[1,2]},"c":3}', 4);
    expect(() => foldAt(1)).not.toThrow();
    expect(foldAt(1)).toBeNull();
    expect(foldAt(3)).toBeNull();
  });

  it('offers no fold on a line that opens nothing', () => {
    const { foldAt } = firstLinesOf('{"a":{"b":[1,2]},"c":3}', Infinity);
    expect(foldAt(4)).toBeNull();
  });
});
