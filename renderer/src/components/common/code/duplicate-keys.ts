import { ensureSyntaxTree } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import type { EditorState } from '@codemirror/state';

/** Past this size the whole-document parse the check needs costs more than the hint is worth. */
export const DUPLICATE_CHECK_LIMIT = 2 * 1024 * 1024;

/** Keys that appear twice in one object: JSON.parse keeps only the last, which a handler may not expect. */
export function duplicateKeyDiagnostics(state: EditorState): Diagnostic[] {
  if (state.doc.length > DUPLICATE_CHECK_LIMIT) return [];
  const tree = ensureSyntaxTree(state, state.doc.length, 500);
  if (!tree) return [];
  const found: Diagnostic[] = [];
  tree.iterate({
    enter(node) {
      if (node.name !== 'Object') return;
      const seen = new Set<string>();
      for (let property = node.node.firstChild; property; property = property.nextSibling) {
        if (property.name !== 'Property') continue;
        const name = property.getChild('PropertyName');
        if (!name) continue;
        const key = state.doc.sliceString(name.from, name.to);
        if (seen.has(key))
          found.push({
            from: name.from,
            to: name.to,
            severity: 'warning',
            message: `${key} appears more than once in this object; JSON.parse keeps only the last.`,
          });
        seen.add(key);
      }
    },
  });
  return found;
}
