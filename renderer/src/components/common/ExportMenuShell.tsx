import { useEffect, useRef, useState, type ReactNode } from 'react';
import './ExportMenu.css';

interface ExportMenuShellProps {
  testId: string;
  /** What the menu exports, for screen readers. */
  label: string;
  alignLeft?: boolean;
  children: ReactNode;
}

/** The "Export ▾" button and its menu: closes on a click outside or Escape. */
export function ExportMenuShell({ testId, label, alignLeft = false, children }: ExportMenuShellProps) {
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
      <button
        type="button"
        className="button button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid={testId}
      >
        Export
        <svg width="9" height="9" viewBox="0 0 10 10" aria-hidden="true">
          <path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
      {open && (
        <div
          className={alignLeft ? 'export-menu__list export-menu__list--left' : 'export-menu__list'}
          role="menu"
          aria-label={label}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            setOpen(false);
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
