import { useEffect, useRef, useState } from 'react';
import { LIST_EXPORT_FORMATS, listExportFile } from '../model/delivery-exports.js';
import { useDeliveryList } from '../model/use-stores.js';
import { ExportFileLink } from './ExportFileLink.js';
import './ExportMenu.css';

/** The filtered list as one file; the engine streams it record by record, so a large export starts at once. */
export function ListExportMenu() {
  const { filters } = useDeliveryList();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  return (
    <div className="export-menu" ref={root}>
      <button type="button" className="button button--small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="list-export-menu">
        Export
        <svg width="9" height="9" viewBox="0 0 10 10" aria-hidden="true">
          <path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div className="export-menu__list export-menu__list--left" role="menu" aria-label="Export the list" onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            setOpen(false);
          }}>
          {LIST_EXPORT_FORMATS.map(({ format, label, hint }) => (
            <ExportFileLink key={format} file={listExportFile(filters, format)} className="export-menu__item" testId={`list-export-${format}`}>
              <span>{label}</span>
              <small>{hint}</small>
            </ExportFileLink>
          ))}
          <p className="export-menu__note">Every delivery matching the filters, oldest first. Streamed as the engine reads it: a large export starts downloading at once.</p>
        </div>
      )}
    </div>
  );
}
