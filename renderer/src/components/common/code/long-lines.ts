import { RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from '@codemirror/view';

/** A line longer than this (one huge string value) is cut on screen until "show all"; Copy, Raw and search have it whole. */
export const LINE_CAP = 4_000;

const showLine = StateEffect.define<number>();

/** Start positions of the long lines the reader asked to see whole. */
const shownLines = StateField.define<ReadonlySet<number>>({
  create: () => new Set(),
  update(shown, transaction) {
    let next = shown;
    for (const effect of transaction.effects) if (effect.is(showLine)) next = new Set([...next, effect.value]);
    return transaction.docChanged ? new Set() : next;
  },
});

class ShowAllWidget extends WidgetType {
  constructor(
    readonly lineStart: number,
    readonly hidden: number,
  ) {
    super();
  }
  override eq(other: ShowAllWidget) {
    return other.lineStart === this.lineStart && other.hidden === this.hidden;
  }
  override toDOM(view: EditorView) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'code-show-all';
    button.textContent = `… show all (${this.hidden.toLocaleString()} more characters)`;
    button.addEventListener('click', () => view.dispatch({ effects: showLine.of(this.lineStart) }));
    return button;
  }
  override ignoreEvent() {
    return false;
  }
}

function capDecorations(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const shown = view.state.field(shownLines);
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      if (line.length > LINE_CAP && !shown.has(line.from))
        builder.add(line.from + LINE_CAP, line.to, Decoration.replace({ widget: new ShowAllWidget(line.from, line.length - LINE_CAP) }));
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const capPlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = capDecorations(view);
    }
    update(update: ViewUpdate) {
      const asked = update.transactions.some((t) => t.effects.some((e) => e.is(showLine)));
      if (update.docChanged || update.viewportChanged || asked) this.decorations = capDecorations(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

/** Cuts very long lines on screen, each with its own "show all": the browser never lays out megabytes in one line. */
export function longLineCap(): Extension {
  return [shownLines, capPlugin];
}
