import type { ReactNode } from 'react';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import type { Integration } from '../../../../shared/api/integrations.js';
import { DISPATCH_TIMEOUT_S } from '../../model/failure-lab/failure-lab.js';
import type { FailureLabSnapshot } from '../../model/failure-lab/failure-lab-store.js';
import { failureClassLabel } from '../../model/common/failure-class.js';
import { failureStreak } from '../../model/integrations/failure-streak.js';
import { formatExactTime } from '../../model/common/relative-time.js';
import { useNavigation } from '../../model/common/navigation-context.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { IntegrationTimeline } from '../integrations/IntegrationTimeline.js';

function Callout({ tone, title, children }: { tone: 'busy' | 'info' | 'bad' | 'good'; title: string; children?: ReactNode }) {
  return (
    <div className={`lab-callout lab-callout--${tone}`} role="status">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

function PhaseCallout({ snapshot, inbox, integration }: { snapshot: FailureLabSnapshot; inbox: Inbox; integration: Integration }) {
  const { lab } = useWorkbench();
  const last = snapshot.steps[snapshot.steps.length - 1];
  switch (snapshot.phase) {
    case 'preparing':
      return <Callout tone="busy" title="Setting the trap…" />;
    case 'streak':
      return (
        <Callout tone="busy" title={`Firing event ${snapshot.steps.filter((step) => step.run === 'streak').length + 1}…`}>
          {snapshot.failure === 'timeout' && <span>Each step waits for the {DISPATCH_TIMEOUT_S} s dispatch timeout.</span>}
        </Callout>
      );
    case 'disabled':
      return (
        <Callout tone="bad" title={`Auto-disabled after ${integration.consecutive_failures} consecutive failures`}>
          <span>
            Reason: {integration.disabled_reason ? failureClassLabel(integration.disabled_reason) : 'unknown'}
            {integration.disabled_at ? ` · ${formatExactTime(integration.disabled_at)}` : ''}. Events fired now are kept as skipped, not
            sent.
          </span>
          <div className="lab-callout__actions">
            <button type="button" className="button button--primary" onClick={() => void lab.reenable()} data-testid="lab-reenable">
              Re-enable
            </button>
          </div>
        </Callout>
      );
    case 'enabling':
      return <Callout tone="busy" title="Re-enabling…" />;
    case 'enabled':
      return (
        <Callout tone="info" title={`Re-enabled — ${integration.consecutive_failures} failures in a row`}>
          <span>Now prove it recovers: the recovery run clears {inbox.name}&apos;s failure rule and fires one event.</span>
          <div className="lab-callout__actions">
            <button type="button" className="button button--primary" onClick={() => void lab.recover(inbox)} data-testid="lab-recover">
              Recovery run
            </button>
          </div>
        </Callout>
      );
    case 'recovering':
      return <Callout tone="busy" title="Recovery run: clearing the failure rule and firing one event…" />;
    case 'recovered':
      return (
        <Callout
          tone="good"
          title={`Recovered — delivered${last?.outgoing.response_status ? ` ${last.outgoing.response_status}` : ''}, ${integration.consecutive_failures} failures in a row`}
        >
          <span>One success resets the count: {integration.name} is back to normal.</span>
        </Callout>
      );
    case 'stopped':
      return <Callout tone="info" title={integration.enabled ? 'Stopped.' : 'Stopped while disabled.'} />;
    case 'idle':
      return null;
  }
}

/** The run's heart: ten segments filling with each failure, the auto-disable, and what to do next. */
export function FailureLabStreak({
  snapshot,
  inbox,
  integration,
}: {
  snapshot: FailureLabSnapshot;
  inbox: Inbox;
  integration: Integration;
}) {
  const { lab } = useWorkbench();
  const { openDelivery } = useNavigation();
  const streak = failureStreak(integration);
  const autoDisabled = !integration.enabled;
  return (
    <section
      className={`lab-card lab-streak lab-streak--${streak.level}`}
      aria-label="Failure streak"
      data-testid="lab-streak"
      data-failures={integration.consecutive_failures}
      data-enabled={String(integration.enabled)}
    >
      <div className="lab-streak__head">
        <div className="lab-streak__who">
          <h2>{integration.name}</h2>
          <code>{integration.url}</code>
        </div>
        <span className={`lab-state ${autoDisabled ? 'lab-state--off' : 'lab-state--on'}`} data-testid="lab-integration-state">
          {autoDisabled ? (integration.disabled_reason === 'manual' ? 'Disabled' : 'Auto-disabled') : 'Enabled'}
        </span>
      </div>
      <div
        className="lab-meter"
        role="meter"
        aria-label="Consecutive failures"
        aria-valuemin={0}
        aria-valuemax={streak.threshold}
        aria-valuenow={streak.filled}
        aria-valuetext={streak.label}
      >
        {Array.from({ length: streak.threshold }, (_, index) => (
          <div key={index} className={`lab-meter__segment ${index < streak.filled ? 'lab-meter__segment--on' : ''}`}>
            <span className="lab-meter__fill" />
            <span className="lab-meter__number">{index + 1}</span>
          </div>
        ))}
      </div>
      <p className="lab-streak__caption">
        <strong data-testid="lab-streak-label">{streak.label}</strong>
        <span className="muted">{streak.outlook}</span>
      </p>
      {/* The same attempts as a timeline: the streak climbs to the line, the disable and enable are marked. */}
      <div className="lab-streak__timeline">
        <IntegrationTimeline integration={integration} onOpen={openDelivery} />
      </div>
      <PhaseCallout snapshot={snapshot} inbox={inbox} integration={integration} />
      {snapshot.error && (
        <p className="lab-error" role="alert">
          {snapshot.error}
        </p>
      )}
      {(snapshot.notes.length > 0 || snapshot.previousUrl) && (
        <div className="lab-notes">
          <ul>
            {snapshot.notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ul>
          {snapshot.previousUrl && !lab.busy && (
            <button type="button" className="button button--small" onClick={() => void lab.restoreUrl()}>
              Point it back at {snapshot.previousUrl}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
