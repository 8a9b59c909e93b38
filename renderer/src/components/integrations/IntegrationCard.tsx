import { useState } from 'react';
import type { DeliverySummary } from '../../../../shared/api/deliveries.js';
import type { Integration } from '../../../../shared/api/integrations.js';
import { kindInfo } from '../../model/integrations/integration-kinds.js';
import type { OutgoingOutcome } from '../../model/delivery/outgoing-outcome.js';
import { formatRelativeTime } from '../../model/common/relative-time.js';
import { useNow } from '../../model/common/use-now.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { AutoDisabledBanner } from './AutoDisabledBanner.js';
import { DispatchBadge } from '../common/DispatchBadge.js';
import { FailureStreakBar } from './FailureStreakBar.js';
import { HandlerCheckButton } from '../handler-check/HandlerCheckButton.js';
import { IntegrationForm } from './IntegrationForm.js';
import { IntegrationTimeline } from './IntegrationTimeline.js';
import { KindIcon } from '../common/KindIcon.js';
import { OutgoingOutcomeLine } from './OutgoingOutcomeLine.js';
import { SecretValue } from '../common/SecretValue.js';
import { StatusBadge } from '../common/StatusBadge.js';
import { UrlWarnings } from './UrlWarnings.js';
import './IntegrationCard.css';

interface IntegrationCardProps {
  integration: Integration;
  lastDelivery: DeliverySummary | undefined;
  onShowDeliveries: (integrationId: string, deliveryId?: string) => void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function StatePill({ integration }: { integration: Integration }) {
  const manual = integration.disabled_reason === 'manual';
  const [tone, label] = integration.enabled ? ['on', 'Enabled'] : manual ? ['off', 'Disabled'] : ['alert', 'Auto-disabled'];
  return (
    <span
      className={`integration-card__state integration-card__state--${tone}`}
      data-testid="integration-state"
      data-enabled={integration.enabled}
    >
      <span className="integration-card__state-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function LastDelivery({ delivery, onShow }: { delivery: DeliverySummary | undefined; onShow: (id: string) => void }) {
  const now = useNow();
  if (!delivery) return <span className="muted">Nothing sent yet.</span>;
  return (
    <span className="integration-card__last" data-testid="last-delivery" data-delivery-id={delivery.id}>
      {delivery.dispatch_state && (
        <DispatchBadge state={delivery.dispatch_state} errorClass={delivery.error_class} skippedReason={delivery.skipped_reason} long />
      )}
      {delivery.dispatch_state === 'delivered' && <StatusBadge status={delivery.response_status} />}
      <code className="integration-card__last-event">{delivery.event}</code>
      <time dateTime={delivery.received_at} title={delivery.received_at} className="muted">
        {formatRelativeTime(delivery.received_at, now)}
      </time>
      <button type="button" className="button button--small button--ghost" onClick={() => onShow(delivery.id)}>
        Open →
      </button>
    </span>
  );
}

/** One connected endpoint: state, the failure streak and attempts timeline, the last delivery, its secret, and test / edit / delete. */
export function IntegrationCard({ integration, lastDelivery, onShowDeliveries }: IntegrationCardProps) {
  const { integrations } = useWorkbench();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<OutgoingOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const info = kindInfo(integration.kind);

  if (mode === 'edit') {
    return (
      <IntegrationForm
        start={{ integration }}
        onClose={() => setMode('view')}
        onShowDelivery={(id, deliveryId) => onShowDeliveries(id, deliveryId)}
      />
    );
  }

  const test = () => {
    setTesting(true);
    setError(null);
    setTested(null);
    integrations
      .test(integration.id)
      .then(setTested, (failure: unknown) => setError(errorText(failure)))
      .finally(() => setTesting(false));
  };

  const remove = () => {
    setError(null);
    integrations.remove(integration.id).catch((failure: unknown) => setError(errorText(failure)));
  };

  return (
    <article
      className={`integration-card ${integration.enabled ? '' : 'integration-card--disabled'}`}
      data-testid="integration-card"
      data-integration-id={integration.id}
      aria-label={integration.name}
    >
      <header className="integration-card__header">
        <KindIcon kind={integration.kind} size={34} />
        <div className="integration-card__title">
          <div className="integration-card__name-line">
            <h3>{integration.name}</h3>
            <span className="integration-card__kind">{info.title}</span>
            <StatePill integration={integration} />
          </div>
          <code className="integration-card__url" title={integration.url}>
            {integration.url}
          </code>
        </div>
        <div className="integration-card__actions">
          <button type="button" className="button button--small" onClick={test} disabled={testing} data-testid="card-test">
            {testing ? 'Testing…' : 'Test'}
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => setMode('edit')}>
            Edit
          </button>
          <button type="button" className="button button--small button--ghost button--danger" onClick={() => setMode('confirm-delete')}>
            Delete
          </button>
        </div>
      </header>

      {mode === 'confirm-delete' && (
        <div className="integration-card__confirm" role="alertdialog" aria-label={`Delete ${integration.name}?`}>
          <span>
            Delete <strong>{integration.name}</strong>? Its deliveries stay in the list; anything still queued is skipped.
          </span>
          <button type="button" className="button button--small button--danger" onClick={remove}>
            Delete integration
          </button>
          <button type="button" className="button button--small" onClick={() => setMode('view')}>
            Keep it
          </button>
        </div>
      )}

      {!integration.enabled && <AutoDisabledBanner integration={integration} onShowDeliveries={() => onShowDeliveries(integration.id)} />}
      <UrlWarnings warnings={integration.warnings} />

      <dl className="integration-card__facts">
        <div className="integration-card__fact">
          <dt>Failure streak</dt>
          <dd>
            <FailureStreakBar integration={integration} />
          </dd>
        </div>
        <div className="integration-card__fact">
          <dt>Attempts</dt>
          <dd>
            <IntegrationTimeline integration={integration} onOpen={(id) => onShowDeliveries(integration.id, id)} />
          </dd>
        </div>
        <div className="integration-card__fact">
          <dt>Last delivery</dt>
          <dd>
            <LastDelivery delivery={lastDelivery} onShow={(id) => onShowDeliveries(integration.id, id)} />
          </dd>
        </div>
        <div className="integration-card__fact">
          <dt>Events</dt>
          <dd className="integration-card__events">
            {integration.events.map((event) => (
              <code key={event}>{event}</code>
            ))}
          </dd>
        </div>
        <div className="integration-card__fact">
          <dt>Signing secret</dt>
          <dd>
            <SecretValue integration={integration} />
          </dd>
        </div>
      </dl>

      {integration.enabled && integration.skipped_count > 0 && <SkippedWaiting integration={integration} />}
      <HandlerCheckButton target={{ integration_id: integration.id }} secretGiven={integration.secret !== null} />
      {tested && (
        <div data-testid="card-test-result">
          <OutgoingOutcomeLine outcome={tested} onShow={() => onShowDeliveries(integration.id, tested.deliveryId)} />
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <footer className="integration-card__footer">
        <button type="button" className="button button--small button--ghost" onClick={() => onShowDeliveries(integration.id)}>
          All deliveries to {integration.name} →
        </button>
      </footer>
    </article>
  );
}

/** Re-enabled without sending what was skipped: offer it once more. */
function SkippedWaiting({ integration }: { integration: Integration }) {
  const { integrations } = useWorkbench();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const send = () => {
    setState({ busy: true, error: null });
    integrations.sendSkipped(integration.id).then(
      () => setState({ busy: false, error: null }),
      (failure: unknown) => setState({ busy: false, error: errorText(failure) }),
    );
  };
  const count = integration.skipped_count;
  return (
    <div className="integration-card__skipped">
      <span>
        {count} {count === 1 ? 'event was' : 'events were'} skipped while it was disabled.
      </span>
      <button type="button" className="button button--small" disabled={state.busy} onClick={send}>
        Send {count === 1 ? 'it' : `all ${count}`} now
      </button>
      {state.error && <span className="error-text">{state.error}</span>}
    </div>
  );
}
