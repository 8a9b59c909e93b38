import type { Diagnostic } from '@codemirror/lint';
import { forceLinting } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import { editorAttributes, jsonEditorSetup } from './code-view-setup.js';
import './CodeView.css';

/** A problem found outside the editor (a schema check), by 1-based line. */
export interface LineProblem {
  line: number;
  message: string;
}

export interface JsonCodeEditorHandle {
  /** Focuses the editor with the cursor at this character offset, scrolled into view. */
  focusAt: (offset: number) => void;
}

interface JsonCodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  describedBy?: string;
  invalid?: boolean;
  /** Highlight and lint as JSON; read once, when the editor is made. */
  asJson?: boolean;
  problems?: readonly LineProblem[];
  handle?: Ref<JsonCodeEditorHandle>;
  testId?: string;
}

/** CodeMirror as a JSON editor: undo, search, Tab to indent, and lint marks for bad JSON and for the given problems. */
export function JsonCodeEditor({
  value,
  onChange,
  label,
  describedBy,
  invalid = false,
  asJson = true,
  problems = [],
  handle,
  testId,
}: JsonCodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Read through refs, so the editor is built once and never sees a stale callback or problem list.
  const latest = useRef({ onChange, problems, emitted: value, asJson, label, describedBy });
  const attributes = useRef(new Compartment());
  useLayoutEffect(() => {
    latest.current.onChange = onChange;
    latest.current.problems = problems;
  });

  useEffect(() => {
    const toDiagnostics = (state: EditorState): Diagnostic[] =>
      latest.current.problems
        .filter((problem) => problem.line >= 1 && problem.line <= state.doc.lines)
        .map((problem) => {
          const line = state.doc.line(problem.line);
          return { from: line.from, to: line.to, severity: 'error', message: problem.message };
        });
    const created: EditorView = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.emitted,
        extensions: [
          attributes.current.of(editorAttributes(latest.current.label, latest.current.describedBy)),
          jsonEditorSetup({ asJson: latest.current.asJson, problems: (): Diagnostic[] => toDiagnostics(created.state) }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const text = update.state.doc.toString();
            latest.current.emitted = text;
            latest.current.onChange(text);
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // Built once: the label is swapped below, everything else is read through `latest`.
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(editorAttributes(label, describedBy)) });
  }, [label, describedBy]);

  // A value set from outside (a new sample, another event) replaces the text; the editor's own edits are not echoed back.
  useEffect(() => {
    const current = view.current;
    if (!current || value === latest.current.emitted) return;
    latest.current.emitted = value;
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [problems]);

  useImperativeHandle(handle, () => ({
    focusAt(offset: number) {
      const current = view.current;
      if (!current) return;
      const at = Math.min(offset, current.state.doc.length);
      current.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      current.focus();
    },
  }));

  return (
    <div
      className={`code-view code-view--editor ${invalid ? 'code-view--invalid' : ''}`}
      ref={host}
      data-testid={testId}
      aria-invalid={invalid || undefined}
    />
  );
}
