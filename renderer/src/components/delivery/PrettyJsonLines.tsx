import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { prettyJsonLines } from '../../model/delivery/json-pretty.js';
import './PrettyJsonLines.css';

const LINE_HEIGHT = 19;
/** A single line longer than this (one huge string value) is cut on screen; Raw and Copy have it whole. */
export const PRETTY_LINE_CAP = 4_000;

/**
 * A large JSON body pretty-printed as text, virtualized: all of it is there to scroll through,
 * and only the visible lines exist in the page, so a 10 MiB body opens at once.
 */
export function PrettyJsonLines({ text }: { text: string }) {
  const lines = useMemo(() => prettyJsonLines(text), [text]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here to skip it, and no memoized child gets its functions
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
    paddingStart: 8,
    paddingEnd: 8,
  });
  return (
    <div className="pretty-json" ref={scrollRef} data-testid="pretty-json" data-lines={lines.length}>
      <p className="pretty-json__note">
        Large body: pretty-printed text ({lines.length.toLocaleString()} lines, all scrollable). The collapsible tree is built for bodies up
        to 2 MiB.
      </p>
      <div className="pretty-json__sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = lines[item.index];
          const cut = line.length > PRETTY_LINE_CAP;
          return (
            <div key={item.key} className="pretty-json__line" style={{ transform: `translateY(${item.start}px)` }}>
              <span className="pretty-json__number">{item.index + 1}</span>
              <span className="pretty-json__text">{cut ? line.slice(0, PRETTY_LINE_CAP) : line}</span>
              {cut && (
                <span className="pretty-json__cut"> … {(line.length - PRETTY_LINE_CAP).toLocaleString()} more characters (see Raw)</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
