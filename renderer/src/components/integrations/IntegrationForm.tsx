import { useId, useState, type FormEvent } from 'react';
import type { Integration } from '../../../../shared/api/integrations.js';
import { INBOUNDFLOW_EVENTS } from '../../../../shared/inboundflow/events.js';
import {
  createBody,
  draftOf,
  draftProblems,
  newDraft,
  pastedSecretWarning,
  patchBody,
  toggleEvent,
  type IntegrationDraft,
  type SecretMode,
} from '../../model/integrations/integration-draft.js';
import { EVENT_TRIGGERS } from '../../model/integrations/event-triggers.js';
import { kindInfo, type Kind } from '../../model/integrations/integration-kinds.js';
import type { OutgoingOutcome } from '../../model/delivery/outgoing-outcome.js';
import { useIntegrations } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { ApiRequestError } from '../../services/common/api-client.js';
import { KindIcon } from '../common/KindIcon.js';
import { OutgoingOutcomeLine } from './OutgoingOutcomeLine.js';
import { SecretValue } from '../common/SecretValue.js';
import { SegmentedControl } from '../common/SegmentedControl.js';
import { UrlWarnings } from './UrlWarnings.js';
import './IntegrationForm.css';

interface IntegrationFormProps {
  /** A new integration of this kind, or an existing one to edit. */
  start: { kind: Kind } | { integration: Integration };
  onClose: () => void;
  onShowDelivery: (integrationId: string, deliveryId: string) => void;
}

interface Failure {
  message: string;
  /** The engine names the field it refused; URL errors are shown under the URL. */
  field: 'url' | null;
}

function failureOf(error: unknown): Failure {
  if (error instanceof ApiRequestError) {
    const details = error.details as { field?: unknown } | undefined;
    return { message: error.message, field: error.code.startsWith('url_') || details?.field === 'url' ? 'url' : null };
  }
  return { message: error instanceof Error ? error.message : String(error), field: null };
}

const SECRET_MODES: { mode: SecretMode; label: string; editOnly?: boolean }[] = [
  { mode: 'keep', label: 'Keep', editOnly: true },
  { mode: 'generate', label: 'Generate' },
  { mode: 'paste', label: 'Paste' },
  { mode: 'none', label: 'None' },
];

/**
 * InboundFlow's Connect flow: paste the URL, pick events, set a signing secret, Test Webhook, Save.
 * Testing needs the integration on the engine, so the first test saves it.
 */
export function IntegrationForm({ start, onClose, onShowDelivery }: IntegrationFormProps) {
  const { integrations } = useWorkbench();
  const live = useIntegrations();
  const [savedId, setSavedId] = useState<string | null>('integration' in start ? start.integration.id : null);
  const saved = savedId ? live.integrations.find((integration) => integration.id === savedId) : undefined;
  const [draft, setDraft] = useState<IntegrationDraft>(() => ('integration' in start ? draftOf(start.integration) : newDraft(start.kind)));
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [tested, setTested] = useState<OutgoingOutcome | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const ids = useId();

  const info = kindInfo(draft.kind);
  const problems = draftProblems(draft);
  const hasProblems = Object.keys(problems).length > 0;
  const editing = saved !== undefined;
  const update = (patch: Partial<IntegrationDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setFailure(null);
  };

  /** Creates or patches; afterwards the secret choice is "keep", so saving again never regenerates it. */
  const persist = async (): Promise<Integration> => {
    const integration = saved
      ? Object.keys(patchBody(draft, saved)).length > 0
        ? await integrations.update(saved.id, patchBody(draft, saved))
        : saved
      : await integrations.create(createBody(draft));
    setSavedId(integration.id);
    setDraft((current) => ({ ...current, secretMode: 'keep', pastedSecret: '' }));
    return integration;
  };

  const run = (what: 'save' | 'test', action: () => Promise<void>) => {
    if (hasProblems) {
      setShowProblems(true);
      return;
    }
    setBusy(what);
    setFailure(null);
    action()
      .catch((error: unknown) => setFailure(failureOf(error)))
      .finally(() => setBusy(null));
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    run('save', async () => {
      await persist();
      onClose();
    });
  };

  const test = () =>
    run('test', async () => {
      setTested(null);
      const integration = await persist();
      setTested(await integrations.test(integration.id, draft.events[0]));
    });

  const secretWarning = draft.secretMode === 'paste' ? pastedSecretWarning(draft.pastedSecret) : null;
  const urlError = failure?.field === 'url' ? failure.message : null;
  const title = editing ? `Edit ${saved.name}` : `Connect ${info.title}`;

  return (
    <form className="integration-form" onSubmit={save} aria-label={title} data-testid="integration-form" data-kind={draft.kind} noValidate>
      <header className="integration-form__header">
        <KindIcon kind={draft.kind} size={30} />
        <div>
          <h2>{title}</h2>
          <p className="muted">{info.tagline}</p>
        </div>
        <button type="button" className="button button--ghost integration-form__close" onClick={onClose} aria-label="Close the form">
          ✕
        </button>
      </header>

      <div className="integration-form__grid">
        <label className="integration-form__label" htmlFor={`${ids}-name`}>
          Name
        </label>
        <div className="integration-form__control">
          <input
            id={`${ids}-name`}
            className="field"
            maxLength={100}
            value={draft.name}
            aria-invalid={showProblems && !!problems.name}
            onChange={(e) => update({ name: e.target.value })}
          />
          {showProblems && problems.name && <p className="error-text integration-form__message">{problems.name}</p>}
        </div>

        <label className="integration-form__label" htmlFor={`${ids}-url`}>
          Webhook URL
        </label>
        <div className="integration-form__control">
          <input
            id={`${ids}-url`}
            className="field mono"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder={info.urlPlaceholder}
            value={draft.url}
            aria-invalid={!!urlError || (showProblems && !!problems.url)}
            aria-describedby={`${ids}-url-help`}
            onChange={(e) => update({ url: e.target.value })}
            autoFocus={!editing}
          />
          <p id={`${ids}-url-help`} className="integration-form__help">
            {info.urlHelp} InboundFlow only delivers to <strong>https://</strong> URLs.
          </p>
          {showProblems && problems.url && <p className="error-text integration-form__message">{problems.url}</p>}
          {urlError && (
            <p className="integration-form__error" role="alert" data-testid="url-error">
              {urlError}
            </p>
          )}
          {saved && saved.url === draft.url.trim() && <UrlWarnings warnings={saved.warnings} />}
        </div>

        <span className="integration-form__label" id={`${ids}-events`}>
          Events
        </span>
        <div className="integration-form__control">
          <div className="integration-form__events" role="group" aria-labelledby={`${ids}-events`}>
            {INBOUNDFLOW_EVENTS.map((event) => (
              <label key={event} className="integration-form__event">
                <input
                  type="checkbox"
                  checked={draft.events.includes(event)}
                  onChange={() => update({ events: toggleEvent(draft.events, event) })}
                />
                <code>{event}</code>
                <span className="muted">{EVENT_TRIGGERS[event]}</span>
              </label>
            ))}
          </div>
          {showProblems && problems.events && <p className="error-text integration-form__message">{problems.events}</p>}
        </div>

        <span className="integration-form__label">Signing secret</span>
        <div className="integration-form__control">
          {saved && <SecretValue integration={saved} />}
          <SegmentedControl
            label="Signing secret"
            value={draft.secretMode}
            options={SECRET_MODES.filter((option) => !option.editOnly || editing).map((option) => ({
              value: option.mode,
              label: editing && option.mode === 'generate' ? 'Generate new' : option.label,
            }))}
            onChange={(secretMode) => update({ secretMode })}
          />
          {draft.secretMode === 'generate' && (
            <p className="integration-form__help">
              A random <code>whsec_…</code> secret is made when you save
              {editing ? '; the current one stays valid on your side for 24 hours' : ''}. Copy it into your handler to verify{' '}
              <code>X-InboundFlow-Signature</code>.
            </p>
          )}
          {draft.secretMode === 'paste' && (
            <>
              <input
                className="field mono integration-form__secret"
                aria-label="Signing secret to use"
                placeholder="whsec_…"
                spellCheck={false}
                autoComplete="off"
                maxLength={512}
                value={draft.pastedSecret}
                onChange={(e) => update({ pastedSecret: e.target.value })}
              />
              {secretWarning && <p className="integration-form__warning">{secretWarning}</p>}
              {showProblems && problems.secret && <p className="error-text integration-form__message">{problems.secret}</p>}
            </>
          )}
          {draft.secretMode === 'none' && (
            <p className="integration-form__help">Deliveries go out unsigned: your handler cannot tell them from anyone else’s requests.</p>
          )}
        </div>
      </div>

      {failure && !urlError && (
        <p className="integration-form__error" role="alert" data-testid="form-error">
          {failure.message}
        </p>
      )}
      {tested && (
        <div className="integration-form__tested" data-testid="test-result">
          <h3 className="detail-section-title">Test Webhook</h3>
          <OutgoingOutcomeLine outcome={tested} onShow={() => onShowDelivery(savedId!, tested.deliveryId)} />
        </div>
      )}

      <footer className="integration-form__footer">
        <button type="button" className="button" disabled={busy !== null} onClick={test} data-testid="test-webhook">
          {busy === 'test' ? 'Testing…' : 'Test Webhook'}
        </button>
        <span className="integration-form__note muted">
          {editing
            ? `Sends a sample ${draft.events[0] ?? 'event'} now.`
            : 'Testing saves the integration first, then sends a sample event.'}
        </span>
        <button type="button" className="button button--ghost" onClick={onClose}>
          {editing && !('integration' in start) ? 'Done' : 'Cancel'}
        </button>
        <button type="submit" className="button button--primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </footer>
    </form>
  );
}
