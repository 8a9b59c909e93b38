import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { INBOUNDFLOW_EVENTS } from '../../../../shared/inboundflow/events.js';
import { checkEventData, type TextSpot } from '../../model/integrations/event-data-check.js';
import { composerTargets, type InboundCallOutcome } from '../../model/integrations/event-composer-store.js';
import { EVENT_TRIGGERS } from '../../model/integrations/event-triggers.js';
import { useComposer, useIntegrations } from '../../model/common/use-stores.js';
import { useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { DataCheckReport } from './DataCheckReport.js';
import type { JsonCodeEditorHandle, LineProblem } from '../common/code/JsonCodeEditor.js';
import { LazyJsonCodeEditor } from '../common/code/LazyCode.js';
import { SentLog } from './SentLog.js';
import './EventComposer.css';

/**
 * Fire InboundFlow events by hand: pick one, edit its `data` (checked against the docs' schema as
 * you type), choose who gets it, send; or play a whole inbound call. What was sent stays listed.
 */
export function EventComposer({ onShowDeliveries }: { onShowDeliveries: (integrationId: string, deliveryId?: string) => void }) {
  const { composer } = useWorkbench();
  const state = useComposer();
  const { integrations } = useIntegrations();
  // One action at a time: sending an event, or playing the scenario; `running` says which.
  const { busy: anyBusy, error, run } = useAction();
  const [running, setRunning] = useState<'send' | 'scenario'>('send');
  const busy = anyBusy ? running : null;
  const [outcome, setOutcome] = useState<InboundCallOutcome>('booked');
  const editor = useRef<JsonCodeEditorHandle>(null);
  const ids = useId();

  // Once per page: the samples stay loaded (and edited) across views; an emptied editor stays empty.
  const templatesLoaded = state.descriptions[state.event] !== undefined;
  useEffect(() => {
    if (!templatesLoaded) void composer.loadTemplates();
  }, [composer, templatesLoaded]);

  const text = state.texts[state.event];
  const check = useMemo(() => (text || templatesLoaded ? checkEventData(state.event, text) : null), [state.event, text, templatesLoaded]);
  const { targets, notSubscribed } = composerTargets(integrations, state.event, state.excluded);
  const chosen = targets.filter((target) => target.checked);

  // The schema's problems, marked on their lines; the editor finds bad JSON itself.
  const problems = useMemo<LineProblem[]>(
    () =>
      check?.kind === 'schema'
        ? check.problems.flatMap((problem) =>
            problem.spot ? [{ line: problem.spot.line, message: `${problem.path}: ${problem.message}` }] : [],
          )
        : [],
    [check],
  );

  const jumpTo = (spot: TextSpot) => editor.current?.focusAt(spot.offset);

  const send = () => {
    if (check?.kind !== 'valid' || chosen.length === 0) return;
    const data = check.data;
    setRunning('send');
    void run(() =>
      composer.send(
        data,
        chosen.map((target) => target.integration.id),
      ),
    );
  };

  const scenario = () => {
    setRunning('scenario');
    void run(() => composer.inboundCall(outcome, integrations));
  };

  const noIntegrations = integrations.length === 0;
  return (
    <section className="composer" aria-labelledby={`${ids}-title`} data-testid="event-composer">
      <header className="composer__header">
        <h2 id={`${ids}-title`}>Send an event</h2>
        <p className="muted">Fire an InboundFlow event at your integrations, with data you control.</p>
      </header>

      <div className="composer__events" role="radiogroup" aria-label="Event">
        {INBOUNDFLOW_EVENTS.map((event) => (
          <label key={event} className={`composer__event ${state.event === event ? 'composer__event--on' : ''}`}>
            <input
              type="radio"
              name={`${ids}-event`}
              value={event}
              checked={state.event === event}
              onChange={() => composer.selectEvent(event)}
            />
            <code>{event}</code>
            <span>{EVENT_TRIGGERS[event]}</span>
          </label>
        ))}
      </div>

      <div className="composer__editor-head">
        <span className="detail-section-title">Event data · JSON</span>
        <button type="button" className="button button--small button--ghost" onClick={() => void composer.freshSample()}>
          New sample
        </button>
      </div>
      {state.templatesError && <p className="error-text">{state.templatesError}</p>}
      <LazyJsonCodeEditor
        value={text}
        onChange={(value) => composer.setText(value)}
        problems={problems}
        label={`Event data for ${state.event} (JSON)`}
        describedBy={`${ids}-check`}
        invalid={check !== null && check.kind !== 'valid'}
        handle={editor}
        testId="composer-editor"
      />
      <div id={`${ids}-check`} aria-live="polite">
        {check && <DataCheckReport check={check} event={state.event} onJump={jumpTo} />}
      </div>

      <fieldset className="composer__targets">
        <legend className="detail-section-title">Send to</legend>
        {noIntegrations && <p className="muted">Connect an integration first: events go only to integrations that subscribe to them.</p>}
        {!noIntegrations && targets.length === 0 && (
          <p className="muted">No integration subscribes to {state.event}. Edit one to add it.</p>
        )}
        {targets.map(({ integration, checked }) => (
          <label key={integration.id} className="composer__target">
            <input type="checkbox" checked={checked} onChange={() => composer.toggleTarget(integration.id)} />
            <span className="composer__target-name">{integration.name}</span>
            {!integration.enabled && <span className="composer__target-note">disabled: kept as skipped</span>}
          </label>
        ))}
        {notSubscribed.length > 0 && (
          <p className="composer__unsubscribed muted">
            Not subscribed to {state.event}: {notSubscribed.map((integration) => integration.name).join(', ')}
          </p>
        )}
      </fieldset>

      <div className="composer__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={send}
          disabled={busy !== null || check?.kind !== 'valid' || chosen.length === 0}
          data-testid="composer-send"
        >
          {busy === 'send' ? 'Sending…' : `Send ${state.event}`}
        </button>
        <span className="composer__scenario">
          <button
            type="button"
            className="button"
            onClick={scenario}
            disabled={busy !== null || noIntegrations}
            title="call.completed, then lead.created, then appointment.booked or call.transferred: one call, same call_id and caller"
            data-testid="composer-scenario"
          >
            {busy === 'scenario' ? 'Playing…' : 'Inbound call scenario'}
          </button>
          <select
            className="field"
            aria-label="Call outcome"
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as InboundCallOutcome)}
          >
            <option value="booked">booked</option>
            <option value="transferred">transferred</option>
          </select>
        </span>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}

      <SentLog entries={state.sent} integrations={integrations} onShowDeliveries={onShowDeliveries} />
    </section>
  );
}
