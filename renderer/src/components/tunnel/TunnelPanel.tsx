import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TunnelStatus } from '../../../../shared/api/tunnel-routes.js';
import { connectBodyFor, draftFromSettings, type TunnelDraft } from '../../model/tunnel/tunnel-draft.js';
import { pickedProvider } from '../../model/tunnel/tunnel-panel-state.js';
import { connectLabel, shownPublicUrl, tunnelPillView } from '../../model/tunnel/tunnel-status-view.js';
import { useTunnel, useTunnelPanel } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { TunnelIcon } from './TunnelIcon.js';
import { TunnelInboxUrls } from './TunnelInboxUrls.js';
import { TunnelProviderPicker } from './TunnelProviderPicker.js';
import { RelayQueueNote } from './RelayQueueNote.js';
import { TunnelStatusCard } from './TunnelStatusCard.js';
import './TunnelPanel.css';

/** States in which a provider holds (or is getting) a public URL. */
const ACTIVE = new Set<TunnelStatus['status']>(['starting', 'online', 'degraded', 'reconnecting']);

/** The public URL: what runs and how healthy it is, every inbox's public URL, and the four providers to connect with. */
export function TunnelPanel({ id, now, onClose }: { id: string; now: number; onClose: () => void }) {
  const { tunnel, tunnelPanel } = useWorkbench();
  const { status, settings, settingsError, pending, requestError } = useTunnel();
  const panel = useTunnelPanel();
  const provider = pickedProvider(panel.provider, status, settings);
  const view = tunnelPillView(status, now);
  const [draft, setDraft] = useState<TunnelDraft>(() => draftFromSettings(settings));
  // Settings that arrive after the panel opened fill the fields, unless the user has typed already.
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current) setDraft(draftFromSettings(settings));
  }, [settings]);

  const edit = (patch: Partial<TunnelDraft>) => {
    touched.current = true;
    setDraft((current) => ({ ...current, ...patch }));
  };

  const connect = (event: FormEvent) => {
    event.preventDefault();
    void tunnel.connect(connectBodyFor(provider, draft)).then((sent) => {
      if (!sent) return;
      // Secrets were sent and are saved masked; the fields show what the engine now remembers.
      touched.current = false;
      setDraft(draftFromSettings(tunnel.getSnapshot().settings));
    });
  };

  const running = status !== null && status.status !== 'offline';

  return (
    <section className="tunnel-panel" id={id} role="dialog" aria-label="Public URL" data-testid="tunnel-panel">
      <div className="tunnel-panel__header">
        <h2>Public URL</h2>
        <span className={`tunnel-panel__state tunnel-tone--${view.tone}`} data-testid="tunnel-panel-state">
          <TunnelIcon tone={view.tone} />
          {view.label}
        </span>
        <button type="button" className="button button--small button--ghost tunnel-panel__close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>

      {status && running && (
        <TunnelStatusCard status={status} settings={settings} now={now} probing={pending === 'probe'} onProbe={() => void tunnel.probe()} />
      )}
      {status?.provider === 'relay' && <RelayQueueNote counts={status.relay_queue} />}
      {shownPublicUrl(status) && <TunnelInboxUrls />}

      <form className="tunnel-panel__form" onSubmit={connect} aria-label="Connect">
        <h3 className="tunnel-panel__section-title">{running ? 'Provider' : 'Get a public URL with'}</h3>
        <TunnelProviderPicker
          picked={provider}
          inUse={status && ACTIVE.has(status.status) ? status.provider : null}
          onPick={(name) => tunnelPanel.pick(name)}
          draft={draft}
          onEdit={edit}
          settings={settings}
          status={status}
        />
        {settingsError && (
          <p className="tunnel-panel__muted muted" data-testid="tunnel-settings-error">
            Saved settings could not be read: {settingsError}
          </p>
        )}
        {requestError && (
          <p className="tunnel-panel__error error-text" role="alert" data-testid="tunnel-request-error">
            {requestError}
          </p>
        )}
        <div className="tunnel-panel__actions">
          <button type="submit" className="button button--primary" disabled={pending !== null} data-testid="tunnel-connect">
            {connectLabel(provider, status, pending === 'connect')}
          </button>
          {running && (
            <button
              type="button"
              className="button"
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
