import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';

type TunnelState = TunnelStatus['status'];
import { tunnelPillView } from '../model/tunnel-store.js';
import { useNow } from '../model/use-now.js';
import { useTunnel } from '../model/use-stores.js';
import { useWorkbench } from '../model/workbench-context.js';
import { CopyButton } from './CopyButton.js';
import './TunnelStatusPill.css';

/** A shape per state, so the state reads without colour: ring (offline), arc (trying), filled dot with tick (online). */
function TunnelIcon({ state }: { state: TunnelState | null }) {
  if (state === 'online') {
    return (
      <svg className="tunnel-pill__icon" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <circle cx="7" cy="7" r="6" fill="currentColor" />
        <path d="M4.2 7.2 6.1 9 9.8 5" fill="none" stroke="var(--surface)" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    );
  }
  if (state === 'starting' || state === 'reconnecting') {
    return (
      <svg className="tunnel-pill__icon tunnel-pill__icon--spin" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <path d="M7 1.5A5.5 5.5 0 1 1 1.5 7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    );
  }
  return (
    <svg className="tunnel-pill__icon" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <circle cx="7" cy="7" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M3.2 10.8 10.8 3.2" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

/** The tunnel in the top bar: state and public URL at a glance; a click opens the connect panel. */
export function TunnelStatusPill() {
  const { status } = useTunnel();
  const now = useNow(1_000);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const view = tunnelPillView(status, now);
  const publicUrl = status?.status === 'online' ? status.url : null;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="tunnel" ref={root}>
      <button
        type="button"
        className={`tunnel-pill tunnel-pill--${view.tone}`}
        data-testid="tunnel-pill"
        data-status={status?.status ?? 'unknown'}
        aria-expanded={open}
        aria-controls={panelId}
        title={view.detail}
        onClick={() => setOpen((value) => !value)}
      >
        <TunnelIcon state={status?.status ?? null} />
        <span className="tunnel-pill__label">{view.label}</span>
        {publicUrl && (
          <code className="tunnel-pill__url" data-testid="tunnel-pill-url">
            {publicUrl.replace(/^https?:\/\//, '')}
          </code>
        )}
        <span className="visually-hidden">. {view.detail}</span>
      </button>
      {publicUrl && <CopyButton text={publicUrl} small label="Copy" title="Copy the public tunnel URL" testId="tunnel-pill-copy" />}
      {open && <TunnelPanel id={panelId} now={now} onClose={() => setOpen(false)} />}
    </div>
  );
}

/** Relay URL and token, Connect / Disconnect, and the engine's own words when it fails. */
function TunnelPanel({ id, now, onClose }: { id: string; now: number; onClose(): void }) {
  const { tunnel } = useWorkbench();
  const { status, pending, requestError } = useTunnel();
  const view = tunnelPillView(status, now);
  const [relay, setRelay] = useState(status?.relay ?? '');
  // The token lives only in this field until it is sent; the engine never gives it back.
  const [token, setToken] = useState('');
  const state = status?.status ?? 'offline';

  const connect = (event: FormEvent) => {
    event.preventDefault();
    void tunnel.connect(relay, token).then(() => setToken(''));
  };

  return (
    <section className="tunnel-panel" id={id} role="dialog" aria-label="Tunnel" data-testid="tunnel-panel">
      <header className="tunnel-panel__header">
        <h2>Tunnel</h2>
        <span className={`tunnel-panel__state tunnel-panel__state--${view.tone}`} data-testid="tunnel-panel-state">
          <TunnelIcon state={status?.status ?? null} />
          {view.label}
        </span>
        <button type="button" className="button button--small button--ghost tunnel-panel__close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      <p className="tunnel-panel__help muted">
        A public URL through a relay you host yourself with <code>hookbench relay</code>; see “Tunnel: a public URL for your local
        Hookbench” in the README.
      </p>
      {status?.url && (state === 'online' || state === 'reconnecting') && (
        <div className="tunnel-panel__url">
          <span className="tunnel-panel__url-label">{state === 'online' ? 'Public URL' : 'Public URL (held while reconnecting)'}</span>
          <div className="tunnel-panel__url-row">
            <code data-testid="tunnel-public-url">{status.url}</code>
            <CopyButton text={status.url} small title="Copy the public tunnel URL" />
          </div>
          {status.host_url && (
            <div className="tunnel-panel__url-row">
              <code data-testid="tunnel-host-url">{status.host_url}</code>
              <CopyButton text={status.host_url} small title="Copy the host-based tunnel URL" />
            </div>
          )}
        </div>
      )}
      {state === 'reconnecting' && <p className="tunnel-panel__detail">{view.detail}</p>}
      {status?.error && (
        <p className="tunnel-panel__error error-text" role="alert" data-testid="tunnel-error" data-code={status.error.code}>
          <strong>{status.error.code}</strong>: {status.error.message}
        </p>
      )}
      {requestError && (
        <p className="tunnel-panel__error error-text" role="alert" data-testid="tunnel-request-error">
          {requestError}
        </p>
      )}
      <form className="tunnel-panel__form" onSubmit={connect}>
        <label>
          <span>Relay URL</span>
          <input
            className="field"
            type="url"
            name="relay"
            placeholder="https://relay.example.com"
            autoComplete="off"
            spellCheck={false}
            value={relay}
            onChange={(event) => setRelay(event.target.value)}
          />
        </label>
        <label>
          <span>Token</span>
          <input
            className="field"
            type="password"
            name="relay-token"
            placeholder={status?.relay ? 'Leave empty to reuse the last token' : 'The relay token'}
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        <div className="tunnel-panel__actions">
          <button type="submit" className="button button--small button--primary" disabled={pending !== null} data-testid="tunnel-connect">
            {pending === 'connect' ? 'Connecting…' : state === 'offline' ? 'Connect' : 'Reconnect'}
          </button>
          {state !== 'offline' && (
            <button
              type="button"
              className="button button--small"
              disabled={pending !== null}
              data-testid="tunnel-disconnect"
              onClick={() => void tunnel.disconnect()}
            >
              {pending === 'disconnect' ? 'Disconnecting…' : 'Disconnect'}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
