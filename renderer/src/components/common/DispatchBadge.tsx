import type { DispatchState } from '../../../../shared/api/deliveries.js';
import { dispatchCue, skippedReasonText } from '../../model/common/dispatch-state.js';
import { failureClassLabel, httpStatusOfClass } from '../../model/common/failure-class.js';
import { StatusIcon } from './StatusIcon.js';
import './DispatchBadge.css';

interface DispatchBadgeProps {
  state: DispatchState;
  errorClass?: string | null;
  skippedReason?: string | null;
  /** `long` says "Failed · HTTP 500" instead of "http_500", for the detail. */
  long?: boolean;
}

/** Where a sent delivery stands, as colour, shape and words; a failure names its class. */
export function DispatchBadge({ state, errorClass = null, skippedReason = null, long = false }: DispatchBadgeProps) {
  const cue = dispatchCue(state);
  const failedWith = state === 'failed' && errorClass;
  // An http_<status> class repeats the status badge beside it; other classes (timeout, refused…) say what no status can.
  const short = failedWith && httpStatusOfClass(errorClass) === null ? errorClass : cue.label.toLowerCase();
  const full = failedWith
    ? `${cue.label} · ${failureClassLabel(errorClass)}`
    : state === 'skipped'
      ? `${cue.label}: ${skippedReasonText(skippedReason)}`
      : cue.label;
  return (
    <span
      className={`dispatch-badge dispatch-badge--${cue.tone}`}
      title={full}
      data-testid="dispatch-badge"
      data-state={state}
      data-error-class={errorClass ?? undefined}
    >
      <StatusIcon shape={cue.shape} size={11} />
      <span className="dispatch-badge__text">{long ? full : short}</span>
    </span>
  );
}
