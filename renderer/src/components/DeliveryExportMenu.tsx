import { useEffect, useRef, useState } from 'react';
import { deliveryExportFile } from '../model/delivery-exports.js';
import { useWorkbench } from '../model/workbench-context.js';
import { copyText } from '../services/clipboard.js';
import { ExportFileLink } from './ExportFileLink.js';
import './ExportMenu.css';

type CopyState = 'idle' | 'copying' | 'copied' | 'failed';

/** One delivery out of Hookbench: the engine's cURL script (exact bytes, binary too), a HAR file, the JSON record. */
export function DeliveryExportMenu({ deliveryId }: { deliveryId: string }) {
  const { exports } = useWorkbench();
  const [open, setOpen] = useState(false);
  const [copy, setCopy] = useState<CopyState>('idle');
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  useEffect(() => {
    if (copy !== 'copied' && copy !== 'failed') return;
    const timer = setTimeout(() => setCopy('idle'), 1500);
    return () => clearTimeout(timer);
  }, [copy]);

  const copyCurl = () => {
    setCopy('copying');
    exports
      .curlScript(deliveryId)
      .then(copyText)
      .then(
        () => setCopy('copied'),
        () => setCopy('failed'),
      );
  };

  return (
    <div className="export-menu" ref={root}>
      <button type="button" className="button button--small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="export-menu">
        Export
        <svg width="9" height="9" viewBox="0 0 10 10" aria-hidden="true">
          <path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div className="export-menu__list" role="menu" aria-label="Export this delivery" onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            setOpen(false);
          }}>
          <button type="button" role="menuitem" className="export-menu__item" onClick={copyCurl} data-testid="export-curl" data-copy-state={copy}>
            <span>{copy === 'copied' ? 'Copied the cURL script' : copy === 'failed' ? 'Copy failed' : copy === 'copying' ? 'Copying…' : 'Copy as cURL script'}</span>
            <small>Re-sends the exact bytes; run it with sh</small>
          </button>
          <ExportFileLink file={deliveryExportFile(deliveryId, 'har')} className="export-menu__item" testId="export-har">
            <span>Download HAR</span>
            <small>Request and response, HAR 1.2</small>
          </ExportFileLink>
          <ExportFileLink file={deliveryExportFile(deliveryId, 'json')} className="export-menu__item" testId="export-json">
            <span>Download JSON</span>
            <small>The full record, as the API returns it</small>
          </ExportFileLink>
        </div>
      )}
    </div>
  );
}
