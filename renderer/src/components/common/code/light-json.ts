import { foldService } from '@codemirror/language';
import { RangeSetBuilder, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { jsonLineTokens, type JsonTokenKind } from '../../../model/delivery/json-line-tokens.js';
import { LINE_CAP } from './long-lines.js';

// Punctuation gets no mark: it takes the view's own colour (see .code-view--light), a third fewer spans per line.
const MARKS: Record<Exclude<JsonTokenKind, 'punct'>, Decoration> = {
  key: Decoration.mark({ class: 'cm-json-key' }),
  string: Decoration.mark({ class: 'cm-json-string' }),
  number: Decoration.mark({ class: 'cm-json-number' }),
  literal: Decoration.mark({ class: 'cm-json-literal' }),
};

function colourVisibleLines(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      for (const token of jsonLineTokens(line.text, LINE_CAP))
        if (token.kind !== 'punct') builder.add(line.from + token.from, line.from + token.to, MARKS[token.kind]);
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const lineColours = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = colourVisibleLines(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged) this.decorations = colourVisibleLines(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/**
 * JSON for a body too big to parse as you scroll: colours each line in view on its own, and folds
 * by the open→close line pairs the pretty printer found. No syntax tree, so a 10 MiB body scrolls
 * as fast as plain text.
 */
export function lightJson(closeLine: Int32Array): Extension {
  return [
    EditorView.contentAttributes.of({ class: 'cm-json-light' }),
    lineColours,
    foldService.of((state, lineStart, lineEnd) => {
      const close = closeLine[state.doc.lineAt(lineStart).number - 1] ?? -1;
      // No pair, or its closing line is not laid out yet (a big body goes in by slices).
      if (close < 0 || close >= state.doc.lines) return null;
      const closing = state.doc.line(close + 1);
      return { from: lineEnd, to: closing.from + (closing.text.length - closing.text.trimStart().length) };
    }),
  ];
}
