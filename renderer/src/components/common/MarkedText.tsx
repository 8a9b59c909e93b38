import { splitAt, splitEscapes } from '../../model/signatures/signature-diagnosis.js';

/** Text whose escapes for control bytes (\\n, \\t, \\u001f) read as escapes, not as the characters they are written with. */
export function EscapedText({ text }: { text: string }) {
  return (
    <>
      {splitEscapes(text).map((part, index) =>
        part.escape ? (
          <span key={index} className="escaped-text__escape">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** Text with one character marked (the first that differs from its counterpart); the part before it reads as matching. */
export function MarkedText({
  value,
  index,
  escapes = false,
  testId,
}: {
  value: string;
  index: number | null;
  escapes?: boolean;
  testId?: string;
}) {
  const [before, marked, after] = splitAt(value, index, { escapes });
  const show = (text: string) => (escapes ? <EscapedText text={text} /> : text);
  if (index === null) return <code data-testid={testId}>{show(value)}</code>;
  return (
    <code data-testid={testId} data-differs-at={index}>
      <span className="marked-text__same">{show(before)}</span>
      {marked ? (
        <mark className="marked-text__diff" title={`First difference: character ${index + 1}`}>
          {marked}
        </mark>
      ) : (
        <mark className="marked-text__diff marked-text__diff--end" title="Ends here; the other one goes on" />
      )}
      {show(after)}
    </code>
  );
}
