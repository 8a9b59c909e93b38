import { useState } from 'react';
import { RAW_TEXT_CAP, rawChunks } from '../../model/delivery/body-view-mode.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import './RawText.css';

/**
 * Text exactly as stored; long text is cut until "Show all", which lays it out in blocks the
 * browser skips while they are off screen (content-visibility), so even 10 MiB stays scrollable.
 */
export function RawText({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const capped = !all && text.length > RAW_TEXT_CAP;
  return (
    <>
      {capped || text.length <= RAW_TEXT_CAP ? (
        <pre className="raw-text">{capped ? text.slice(0, RAW_TEXT_CAP) : text}</pre>
      ) : (
        <pre className="raw-text raw-text--chunked">
          {rawChunks(text).map((chunk, index) => (
            <div key={index} className="raw-text__chunk">
              {chunk}
            </div>
          ))}
        </pre>
      )}
      {capped && (
        <button type="button" className="show-more raw-text__more" onClick={() => setAll(true)}>
          Showing the first {RAW_TEXT_CAP.toLocaleString()} of {text.length.toLocaleString()} characters — show all (
          {formatByteSize(text.length)})
        </button>
      )}
    </>
  );
}
