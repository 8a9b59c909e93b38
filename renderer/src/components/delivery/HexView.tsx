import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { hexLine, hexLineCount } from '../../model/delivery/hex-dump.js';
import './HexView.css';

const LINE_HEIGHT = 20;

/** `xxd`-style dump, virtualized in its own scroll box: a 10 MiB body is 650k lines and only the visible ones exist. */
export function HexView({ bytes }: { bytes: Uint8Array }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here to skip it, and no memoized child gets its functions
  const virtualizer = useVirtualizer({
    count: hexLineCount(bytes.length),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    paddingStart: 8,
    paddingEnd: 8,
  });
  return (
    <div className="hex-view" ref={scrollRef} data-testid="hex-view">
      <div className="hex-view__sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = hexLine(bytes, item.index);
          return (
            <div key={item.key} className="hex-view__line" style={{ transform: `translateY(${item.start}px)` }}>
              <span className="hex-view__offset">{line.offset}</span>
              <span className="hex-view__hex">{line.hex}</span>
              <span className="hex-view__ascii">{line.ascii}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
