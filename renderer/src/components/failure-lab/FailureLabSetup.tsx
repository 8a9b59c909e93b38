import type { Inbox } from '../../../../shared/api/inboxes.js';
import { LAB_FAILURES, labFailure, runPlan, type LabFailure } from '../../model/failure-lab/failure-lab.js';
import type { FailureLabSnapshot } from '../../model/failure-lab/failure-lab-store.js';
import { useInboxes } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { SegmentedControl } from '../common/SegmentedControl.js';

/** Which integration, which inbox, which failure; what Run will change; Run and Stop. */
export function FailureLabSetup({ snapshot, inbox }: { snapshot: FailureLabSnapshot; inbox: Inbox | undefined }) {
  const { lab } = useWorkbench();
  const { inboxes } = useInboxes();
  const { integrations, integration, failure, phase, loaded } = snapshot;
  const busy = lab.busy;
  const running = phase === 'preparing' || phase === 'streak';
  const plan = integration && inbox ? runPlan(integration, inbox, failure) : [];

  return (
    <section className="lab-card lab-setup" aria-label="Set up a run">
      <div className="lab-setup__grid">
        <label className="lab-setup__field">
          <span>Integration</span>
          {integrations.length > 0 ? (
            <select
              className="field"
              aria-label="Integration"
              value={snapshot.integrationId}
              disabled={busy}
              onChange={(e) => lab.choose({ integrationId: e.target.value })}
            >
              {integrations.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name} ({item.kind}){item.enabled ? '' : ' · disabled'}
                </option>
              ))}
            </select>
          ) : (
            <span className="lab-setup__empty">
              {loaded ? 'No integrations yet.' : 'Loading…'}
              {loaded && inbox && (
                <button type="button" className="button button--small" onClick={() => void lab.createLabIntegration(inbox)}>
                  Create a lab integration
                </button>
              )}
            </span>
          )}
        </label>
        <label className="lab-setup__field">
          <span>Inbox</span>
          <select
            className="field"
            aria-label="Inbox"
            value={inbox?.id ?? ''}
            disabled={busy}
            onChange={(e) => lab.choose({ inboxId: e.target.value })}
          >
            {inboxes.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name} (/i/{item.slug})
              </option>
            ))}
          </select>
        </label>
        <div className="lab-setup__field">
          <span>Failure</span>
          <SegmentedControl<LabFailure>
            label="Failure kind"
            value={failure}
            disabled={busy}
            options={LAB_FAILURES.map((option) => ({ value: option.id, label: option.label }))}
            onChange={(choice) => lab.choose({ failure: choice })}
          />
        </div>
      </div>
      <p className="lab-setup__note">{labFailure(failure).note}</p>
      {plan.length > 0 && (
        <div className="lab-setup__plan">
          <h2 className="detail-section-title">Run will</h2>
          {/* Keyed by its content: Chromium does not renumber a list whose items were removed in place. */}
          <ol key={plan.join('\n')}>
            {plan.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        </div>
      )}
      <div className="lab-setup__actions">
        {running ? (
          <button type="button" className="button" onClick={() => lab.stop()} disabled={snapshot.stopRequested}>
            {snapshot.stopRequested ? 'Stopping after this step…' : 'Stop'}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary lab-setup__run"
            disabled={busy || !integration || !inbox}
            onClick={() => inbox && void lab.run(inbox)}
            data-testid="lab-run"
          >
            <svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true">
              <path d="M2 1.2v7.6L8.6 5z" fill="currentColor" />
            </svg>
            Run
          </button>
        )}
        {snapshot.error && phase === 'idle' && <p className="error-text">{snapshot.error}</p>}
      </div>
    </section>
  );
}
