import { statusCue } from '../../model/common/status-class.js';
import { failureClassLabel } from '../../model/common/failure-class.js';
import { StatusIcon } from './StatusIcon.js';
import './StatusBadge.css';

interface StatusBadgeProps {
  status: number | null;
  /** Why there is no status (refused, timeout…): shown as a failure with its class instead of "no response". */
  failureClass?: string | null;
  long?: boolean;
}

/** Response status as colour, shape and text together ("✓ 200"), never colour alone. */
export function StatusBadge({ status, failureClass = null, long = false }: StatusBadgeProps) {
  if (status === null && failureClass) {
    const label = failureClassLabel(failureClass);
    return (
      <span className="status-badge status-badge--failed" title={label} data-failure-class={failureClass}>
        <StatusIcon shape="cross" />
        <span className="status-badge__code">{failureClass}</span>
        {long && <span className="status-badge__label">{label}</span>}
      </span>
    );
  }
  const cue = statusCue(status);
  return (
    <span className={`status-badge status-badge--${cue.statusClass}`} title={`${status ?? ''} ${cue.label}`.trim()}>
      <StatusIcon shape={cue.shape} />
      <span className="status-badge__code">{status ?? '—'}</span>
      {long && <span className="status-badge__label">{cue.label}</span>}
    </span>
  );
}
