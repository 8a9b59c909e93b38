import { useState } from 'react';
import { RAW_TEXT_CAP } from '../model/body-view-mode.js';
import { formatByteSize } from '../model/byte-size.js';
import './RawText.css';

/** Text exactly as stored, in one text node; long text is cut until "Show all" so opening it stays instant. */
export function RawText({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const capped = !all && text.length > RAW_TEXT_CAP;
  return (
    <>
      <pre className="raw-text">{capped ? text.slice(0, RAW_TEXT_CAP) : text}</pre>
      {capped && (
        <button type="button" className="show-more raw-text__more" onClick={() => setAll(true)}>
          Showing the first {RAW_TEXT_CAP.toLocaleString()} of {text.length.toLocaleString()} characters — show all (
          {formatByteSize(text.length)})
        </button>
      )}
    </>
  );
}
