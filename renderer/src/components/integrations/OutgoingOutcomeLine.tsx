import { dispatchCue, skippedReasonText } from '../../model/common/dispatch-state.js';
import { failureClassLabel } from '../../model/common/failure-class.js';
import { formatDuration, type OutgoingOutcome } from '../../model/delivery/outgoing-outcome.js';
import { SlowAnswerBadge } from '../common/SlowAnswerBadge.js';
import { StatusBadge } from '../common/StatusBadge.js';
import { StatusIcon } from '../common/StatusIcon.js';
import './OutgoingOutcomeLine.css';

interface OutgoingOutcomeLineProps {
  outcome: OutgoingOutcome;
  testId?: string;
  onShow?: () => void;
}

/** A test's or a send's result in one line: status, how long it took, the failure class and what to do. */
export function OutgoingOutcomeLine({ outcome, testId, onShow }: OutgoingOutcomeLineProps) {
  const cue = dispatchCue(outcome.state);
  return (
    <div className={`outcome-line outcome-line--${cue.tone}`} role="status" data-testid={testId} data-state={outcome.state}>
      <span className="outcome-line__verdict">
        <StatusIcon shape={cue.shape} size={13} />
        {cue.label}
      </span>
      {outcome.status !== null && <StatusBadge status={outcome.status} />}
      {outcome.durationMs !== null && <span className="outcome-line__time">in {formatDuration(outcome.durationMs)}</span>}
      <SlowAnswerBadge ms={outcome.durationMs} />
      {outcome.errorClass && (
        <code className="outcome-line__class" title={failureClassLabel(outcome.errorClass)}>
          {outcome.errorClass}
        </code>
      )}
      <span className="outcome-line__event mono">{outcome.event}</span>
      {onShow && (
        <button type="button" className="button button--small button--ghost outcome-line__show" onClick={onShow}>
          Open delivery →
        </button>
      )}
      {(outcome.errorMessage || outcome.state === 'skipped') && (
        <p className="outcome-line__message">{outcome.errorMessage ?? `Not sent: ${skippedReasonText(outcome.skippedReason)}.`}</p>
      )}
    </div>
  );
}
