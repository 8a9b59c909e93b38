import type { LabStep } from '../../model/failure-lab/failure-lab-store.js';
import { failureClassLabel } from '../../model/common/failure-class.js';
import { DeliveryLink } from '../common/DeliveryLink.js';
import { StatusBadge } from '../common/StatusBadge.js';

function Outcome({ step }: { step: LabStep }) {
  const { outgoing } = step;
  if (outgoing.state === 'skipped') return <span className="muted">Skipped ({outgoing.skipped_reason ?? 'disabled'})</span>;
  return (
    <span className="lab-steps__outcome">
      <StatusBadge status={outgoing.response_status} />
      {outgoing.error_class ? failureClassLabel(outgoing.error_class) : outgoing.state === 'delivered' ? 'Delivered' : outgoing.state}
    </span>
  );
}

/** Every event the lab fired: the outgoing delivery, what came back, the delivery it became in the inbox, and the count after. */
export function FailureLabSteps({ steps }: { steps: LabStep[] }) {
  return (
    <section className="lab-card lab-steps" aria-label="Steps">
      <h2 className="detail-section-title">Steps — each one a real delivery</h2>
      <table className="lab-steps__table" data-testid="lab-steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Answer</th>
            <th>Sent (outgoing)</th>
            <th>Received in the inbox</th>
            <th className="lab-steps__count">Failures in a row</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr
              key={`${step.run}-${step.n}`}
              className={`lab-steps__row lab-steps__row--${step.run}`}
              data-testid="lab-step"
              data-run={step.run}
              data-state={step.outgoing.state}
            >
              <td className="lab-steps__n">{step.run === 'recovery' ? 'R' : step.n}</td>
              <td>
                <Outcome step={step} />
              </td>
              <td>
                <DeliveryLink id={step.outgoing.id} testId="lab-step-outgoing" />
              </td>
              <td>{step.arrivalId ? <DeliveryLink id={step.arrivalId} testId="lab-step-arrival" /> : <span className="muted">—</span>}</td>
              <td className="lab-steps__count">
                {step.countAfter}
                {!step.enabledAfter && <span className="lab-steps__disabled">disabled</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
