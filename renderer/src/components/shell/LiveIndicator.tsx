import { useLiveStatus } from '../../model/common/use-stores.js';
import './LiveIndicator.css';

const LABELS = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', stopped: 'Offline' } as const;

/** Whether new deliveries show up on their own; "Reconnecting…" while the feed is down. */
export function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span className={`live-indicator live-indicator--${status}`} role="status" data-testid="live-status" data-status={status}>
      <span className="live-indicator__dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
