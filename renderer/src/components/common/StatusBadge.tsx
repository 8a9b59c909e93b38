import { statusCue } from '../../model/common/status-class.js';
import { StatusIcon } from './StatusIcon.js';
import './StatusBadge.css';

/** Response status as colour, shape and text together ("✓ 200"), never colour alone. */
export function StatusBadge({ status, long = false }: { status: number | null; long?: boolean }) {
  const cue = statusCue(status);
  return (
    <span className={`status-badge status-badge--${cue.statusClass}`} title={`${status ?? ''} ${cue.label}`.trim()}>
      <StatusIcon shape={cue.shape} />
      <span className="status-badge__code">{status ?? '—'}</span>
      {long && <span className="status-badge__label">{cue.label}</span>}
    </span>
  );
}
