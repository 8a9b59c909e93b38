import { useState } from 'react';
import type { Integration } from '../../../../shared/api/integrations.js';
import { AUTO_DISABLE_AFTER } from '../../../../shared/inboundflow/auto-disable.js';
import { failureClassLabel } from '../../model/common/failure-class.js';
import { formatExactTime, formatRelativeTime } from '../../model/common/relative-time.js';
import { useNow } from '../../model/common/use-now.js';
import { useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { StatusIcon } from '../common/StatusIcon.js';
import './AutoDisabledBanner.css';

/** Why and when the integration stopped receiving, what piled up meanwhile, and the way back. */
export function AutoDisabledBanner({ integration, onShowDeliveries }: { integration: Integration; onShowDeliveries: () => void }) {
  const { integrations } = useWorkbench();
  const now = useNow();
  const [sendSkipped, setSendSkipped] = useState(true);
  const { busy, error, run } = useAction();
  const manual = integration.disabled_reason === 'manual';
  const skipped = integration.skipped_count;

  const reEnable = () => void run(() => integrations.enable(integration.id, skipped > 0 && sendSkipped));

  return (
    <section className={`disabled-banner ${manual ? 'disabled-banner--manual' : ''}`} role="alert" data-testid="auto-disabled-banner">
      <StatusIcon shape={manual ? 'ring' : 'cross'} size={16} />
      <div className="disabled-banner__body">
        <h4>{manual ? 'Disabled by hand' : `Auto-disabled after ${AUTO_DISABLE_AFTER} consecutive failures`}</h4>
        {integration.disabled_at && (
          <time className="disabled-banner__when" dateTime={integration.disabled_at} title={integration.disabled_at}>
            {formatRelativeTime(integration.disabled_at, now)} · {formatExactTime(integration.disabled_at, { milliseconds: false })}
          </time>
        )}
        <p>
          {manual ? (
            'Nothing is sent to it until it is re-enabled.'
          ) : (
            <>
              The last failure was{' '}
              <code className="disabled-banner__reason" data-testid="disabled-reason">
                {integration.disabled_reason}
              </code>{' '}
              ({failureClassLabel(integration.disabled_reason ?? '')}). As InboundFlow does, nothing is sent until you re-enable it; fix the
              endpoint first, and use Test to check it (a test is sent even while disabled).
            </>
          )}
        </p>
        <p className="disabled-banner__skipped" data-testid="skipped-count" data-count={skipped}>
          {skipped === 0
            ? 'No events were skipped.'
            : `${skipped} ${skipped === 1 ? 'event was' : 'events were'} fired while disabled and kept as skipped.`}
          <button type="button" className="button button--small button--ghost" onClick={onShowDeliveries}>
            Show them
          </button>
        </p>
        {error && <p className="error-text">{error}</p>}
      </div>
      <div className="disabled-banner__actions">
        {skipped > 0 && (
          <label className="disabled-banner__option">
            <input type="checkbox" checked={sendSkipped} onChange={(e) => setSendSkipped(e.target.checked)} />
            Also send the {skipped} skipped {skipped === 1 ? 'event' : 'events'}
          </label>
        )}
        <button type="button" className="button button--primary" disabled={busy} onClick={reEnable}>
          {busy ? 'Re-enabling…' : 'Re-enable'}
        </button>
      </div>
    </section>
  );
}
