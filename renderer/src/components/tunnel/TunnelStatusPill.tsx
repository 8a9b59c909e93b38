import { lazy, Suspense, useEffect, useId, useRef } from 'react';
import { shownPublicUrl, tunnelPillView } from '../../model/tunnel/tunnel-status-view.js';
import { useNow } from '../../model/common/use-now.js';
import { useTunnel, useTunnelPanel } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { CopyButton } from '../common/CopyButton.js';
import { TunnelIcon } from './TunnelIcon.js';
import './TunnelStatusPill.css';

// Opened from the pill: loads on first open.
const TunnelPanel = lazy(() => import('./TunnelPanel.js').then((module) => ({ default: module.TunnelPanel })));

/** The tunnel in the top bar: state and public URL at a glance; a click opens the panel. */
export function TunnelStatusPill() {
  const { tunnelPanel } = useWorkbench();
  const { status } = useTunnel();
  const { open } = useTunnelPanel();
  const now = useNow(1_000);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const view = tunnelPillView(status, now);
  const publicUrl = shownPublicUrl(status);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) tunnelPanel.close();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') tunnelPanel.close();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, tunnelPanel]);

  return (
    <div className="tunnel" ref={root}>
      <button
        type="button"
        className={`tunnel-pill tunnel-pill--${view.tone}`}
        data-testid="tunnel-pill"
        data-status={status?.status ?? 'unknown'}
        data-tone={view.tone}
        aria-expanded={open}
        aria-controls={panelId}
        title={view.detail}
        onClick={() => tunnelPanel.toggle()}
      >
        <TunnelIcon tone={view.tone} />
        <span className="tunnel-pill__label">{view.label}</span>
        {publicUrl && (
          <code className="tunnel-pill__url" data-testid="tunnel-pill-url">
            {publicUrl.replace(/^https?:\/\//, '')}
          </code>
        )}
        <span className="visually-hidden">. {view.detail}</span>
      </button>
      {publicUrl && <CopyButton text={publicUrl} small label="Copy" title="Copy the public URL" testId="tunnel-pill-copy" />}
      {open && (
        <Suspense fallback={null}>
          <TunnelPanel id={panelId} now={now} onClose={() => tunnelPanel.close()} />
        </Suspense>
      )}
    </div>
  );
}
