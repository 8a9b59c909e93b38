import { useEffect, useState } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { useWorkbench } from '../../model/common/workbench-context.js';

/** Sends a sent delivery again: same body and delivery_id, a new attempt with a new timestamp and signature. */
export function RedeliverButton({ record, onError }: { record: DeliveryRecord; onError: (message: string | null) => void }) {
  const { redeliver } = useWorkbench();
  const [state, setState] = useState<'idle' | 'busy' | 'queued'>('idle');
  const inFlight = record.dispatch_state === 'queued' || record.dispatch_state === 'sending';

  useEffect(() => {
    if (state !== 'queued') return;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  const click = () => {
    setState('busy');
    onError(null);
    redeliver(record.id).then(
      () => setState('queued'),
      (error: unknown) => {
        setState('idle');
        onError(error instanceof Error ? error.message : String(error));
      },
    );
  };

  return (
    <button
      type="button"
      className="button button--small"
      onClick={click}
      disabled={state === 'busy' || inFlight}
      title={inFlight ? 'An attempt is queued or on the wire' : 'Send it again: same body and delivery_id, new timestamp and signature'}
      data-testid="redeliver"
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <path
          d="M10 6a4 4 0 1 1-1.2-2.85M9.2 1.4v2.1H7.1"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {state === 'busy' ? 'Redelivering…' : state === 'queued' ? 'Queued' : 'Redeliver'}
    </button>
  );
}
