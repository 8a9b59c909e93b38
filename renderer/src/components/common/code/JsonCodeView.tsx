import { EditorState, Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { PrettyJson } from '../../../model/delivery/json-pretty.js';
import { readOnlyJsonSetup } from './code-view-setup.js';
import './CodeView.css';

/**
 * Text lines in a read-only CodeMirror view: syntax colours, folding, search, line numbers. Only the
 * lines in view are in the page, so a 10 MiB body opens at once; everything is a text node.
 */
/** Lines in the document before the first paint. */
const FIRST_LINES = 2_000;
/** Lines added per slice after it. */
const SLICE_LINES = 40_000;

interface JsonCodeViewProps {
  json: PrettyJson;
  /** The body's size in bytes: a big one is coloured and folded without a parse. */
  size: number;
  label: string;
}

export function JsonCodeView({ json, size, label }: JsonCodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    const created = new EditorView({ parent: host.current! });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const current = view.current!;
    const { lines, closeLine } = json;
    // Text.of takes the lines as they are (no join and split of megabytes); the first ones paint at once.
    const first = lines.slice(0, FIRST_LINES);
    current.setState(
      EditorState.create({ doc: Text.of(first.length > 0 ? first : ['']), extensions: readOnlyJsonSetup(label, size, closeLine) }),
    );
    let laidOut = first.length;
    const markComplete = () => host.current?.setAttribute('data-complete', String(laidOut >= lines.length));
    markComplete();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The rest goes in by slices between frames, so the page answers while a 400,000-line body is laid out.
    const append = () => {
      const slice = lines.slice(laidOut, laidOut + SLICE_LINES);
      current.dispatch({ changes: { from: current.state.doc.length, insert: Text.of(['', ...slice]) } });
      laidOut += slice.length;
      markComplete();
      if (laidOut < lines.length) timer = setTimeout(append, 0);
    };
    // The first slice waits for the first frame, so the first lines are on screen before any more work.
    const frame = laidOut < lines.length ? requestAnimationFrame(() => (timer = setTimeout(append, 0))) : 0;
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [json, size, label]);

  return <div className="code-view" ref={host} />;
}
