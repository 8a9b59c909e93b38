import { useRef, type RefObject } from 'react';
import './JsonEditor.css';

interface JsonEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** 1-based lines to mark in the gutter. */
  problemLines: ReadonlySet<number>;
  label: string;
  describedBy?: string;
  invalid: boolean;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/** A plain textarea with a line-number gutter that marks the lines with problems; text only, nothing is evaluated. */
export function JsonEditor({ value, onChange, problemLines, label, describedBy, invalid, textareaRef }: JsonEditorProps) {
  const gutterRef = useRef<HTMLDivElement>(null);
  const lineCount = value.split('\n').length;
  return (
    <div className={`json-editor ${invalid ? 'json-editor--invalid' : ''}`}>
      <div className="json-editor__gutter" ref={gutterRef} aria-hidden="true">
        {Array.from({ length: lineCount }, (_, index) => (
          <span key={index} className={problemLines.has(index + 1) ? 'json-editor__line--problem' : undefined}>
            {index + 1}
          </span>
        ))}
      </div>
      <textarea
        ref={textareaRef}
        className="json-editor__text"
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutterRef.current) gutterRef.current.scrollTop = e.currentTarget.scrollTop;
        }}
        onKeyDown={(e) => {
          // Tab indents (two spaces) instead of leaving the editor; Escape then Tab still moves focus on.
          if (e.key !== 'Tab' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          const area = e.currentTarget;
          const { selectionStart, selectionEnd } = area;
          onChange(`${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`);
          requestAnimationFrame(() => area.setSelectionRange(selectionStart + 2, selectionStart + 2));
        }}
      />
    </div>
  );
}
