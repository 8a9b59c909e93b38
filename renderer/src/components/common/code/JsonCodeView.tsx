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
    // Text.of takes the lines as they are: no join and split of megabytes.
    const { lines, closeLine } = json;
    const doc = Text.of(lines.length > 0 ? lines : ['']);
    view.current?.setState(EditorState.create({ doc, extensions: readOnlyJsonSetup(label, size, closeLine) }));
  }, [json, size, label]);

  return <div className="code-view" ref={host} />;
}
