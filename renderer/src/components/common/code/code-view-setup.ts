import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { codeFolding, foldGutter, foldKeymap } from '@codemirror/language';
import { lintGutter, linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { codeTheme } from './code-theme.js';
import { duplicateKeyDiagnostics } from './duplicate-keys.js';
import { lightJson } from './light-json.js';
import { longLineCap } from './long-lines.js';

/** Past this size a body is coloured line by line and folded by the pretty printer's pairs, not parsed (see light-json). */
export const FULL_PARSE_LIMIT = 2 * 1024 * 1024;

/**
 * What reading a body needs: line numbers, folding, search (Ctrl/Cmd-F), keys to move and select,
 * and nothing that edits. `closeLine` (from the pretty printer) is used instead of a parse for a big body.
 */
export function readOnlyJsonSetup(label: string, size: number, closeLine: Int32Array): Extension {
  const full = size <= FULL_PARSE_LIMIT;
  return [
    EditorState.readOnly.of(true),
    // Still focusable and selectable, so search and keyboard scrolling work; a screen reader hears it is read-only.
    EditorView.contentAttributes.of({ 'aria-label': label, 'aria-readonly': 'true', tabindex: '0' }),
    lineNumbers(),
    foldGutter({ markerDOM: foldMarker }),
    codeFolding(),
    ...(full ? [json(), linter((view) => duplicateKeyDiagnostics(view.state), { delay: 200 })] : [lightJson(closeLine)]),
    codeTheme(),
    search({ top: true }),
    longLineCap(),
    keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap]),
  ];
}

export interface EditorSetupOptions {
  /** Highlight and lint as JSON; off for bodies that are other text (form fields, XML). */
  asJson: boolean;
  /** Problems found elsewhere (a schema check), shown like the editor's own. */
  problems: () => readonly Diagnostic[];
}

/** An editor for a JSON body (its label comes separately, as it may change): the reading setup plus history, Tab to indent, and lint (syntax, then the given problems). */
export function jsonEditorSetup({ asJson, problems }: EditorSetupOptions): Extension {
  const parseProblems = jsonParseLinter();
  return [
    lineNumbers(),
    foldGutter({ markerDOM: foldMarker }),
    codeFolding(),
    highlightActiveLine(),
    highlightActiveLineGutter(),
    history(),
    codeTheme(),
    search({ top: true }),
    ...(asJson ? [json(), linter((view) => [...parseProblems(view), ...problems()], { delay: 300 }), lintGutter()] : []),
    // Escape, then Tab, still moves focus on (CodeMirror's own rule), so Tab indenting traps no one.
    keymap.of([...searchKeymap, ...foldKeymap, ...historyKeymap, ...lintKeymap, indentWithTab, ...defaultKeymap]),
  ];
}

/** The editable text's accessible name and description. */
export function editorAttributes(label: string, describedBy: string | undefined): Extension {
  // tabindex says outright what contenteditable implies, for checkers that look for it (the scroller must hold a focusable).
  return EditorView.contentAttributes.of({
    'aria-label': label,
    tabindex: '0',
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
  });
}

/** The fold toggle as a labelled button-like marker, the same triangle the rest of the UI uses. */
function foldMarker(open: boolean): HTMLElement {
  const marker = document.createElement('span');
  marker.className = 'code-fold-marker';
  marker.textContent = open ? '▾' : '▸';
  marker.title = open ? 'Fold' : 'Unfold';
  return marker;
}
