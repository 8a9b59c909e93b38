import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

/** JSON colours from the theme's tokens, so light and dark follow the OS like the rest of the UI. */
const jsonHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--syntax-key)' },
  { tag: tags.string, color: 'var(--syntax-string)' },
  { tag: tags.number, color: 'var(--syntax-number)' },
  { tag: [tags.bool, tags.null], color: 'var(--syntax-literal)' },
  { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], color: 'var(--syntax-punct)' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '12px', color: 'var(--text)', backgroundColor: 'var(--surface)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '19px' },
  '.cm-content': { padding: '8px 0', caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', color: 'var(--text-3)', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter, .cm-activeLine': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-activeLine': { backgroundColor: 'var(--row-hover)' },
  '&.cm-focused .cm-activeLineGutter': { backgroundColor: 'var(--surface-3)', color: 'var(--text-2)' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--surface-3)',
    border: '1px solid var(--border)',
    color: 'var(--text-2)',
    padding: '0 4px',
  },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: 'var(--accent-soft)' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-hit-bg)', color: 'var(--search-hit-text)' },
  '.cm-searchMatch-selected': { outline: '2px solid var(--focus)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)', borderColor: 'var(--border)' },
  '.cm-panel.cm-search': { fontFamily: 'var(--font-ui)', fontSize: '12px', padding: '6px 8px' },
  '.cm-panel.cm-search input, .cm-panel.cm-search button': { fontSize: '12px', color: 'var(--text)' },
  '.cm-textfield': { backgroundColor: 'var(--surface)', border: '1px solid var(--border-strong)', borderRadius: '4px' },
  '.cm-button': {
    backgroundImage: 'none',
    backgroundColor: 'var(--surface)',
    border: '1px solid var(--border-strong)',
    borderRadius: '4px',
  },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border-strong)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--status-4xx)' },
});

/** The look every code view shares: theme colours, monospace, syntax colours. */
export function codeTheme(): Extension {
  return [editorTheme, syntaxHighlighting(jsonHighlight)];
}
