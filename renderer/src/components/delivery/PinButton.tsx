import { useState } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { errorText, useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { PinIcon } from '../deliveries/DeliveryRow.js';

/** Pin / unpin: a pinned delivery is never removed by retention or "Clear inbox". */
export function PinButton({ record, onError }: { record: DeliveryRecord; onError: (message: string | null) => void }) {
  const workbench = useWorkbench();
  const recordPinned = record.pinned === true;
  const [pinned, setPinned] = useState(recordPinned);
  const { busy, run } = useAction();
  // A new record (another delivery, or this one changed elsewhere) resets what the button shows.
  const [shown, setShown] = useState({ id: record.id, pinned: recordPinned });
  if (shown.id !== record.id || shown.pinned !== recordPinned) {
    setShown({ id: record.id, pinned: recordPinned });
    setPinned(recordPinned);
  }

  const toggle = () => {
    onError(null);
    void run(async () => {
      try {
        const summary = await workbench.setPinned(record.id, !pinned);
        setPinned(summary.pinned === true);
      } catch (error) {
        // The header shows it, beside the other actions' errors.
        onError(errorText(error));
      }
    });
  };

  return (
    <button
      type="button"
      className={`button button--small ${pinned ? 'button--pinned' : 'button--ghost'}`}
      aria-pressed={pinned}
      disabled={busy}
      title={pinned ? 'Pinned: retention and Clear inbox keep it. Click to unpin.' : 'Pin: retention and Clear inbox will keep it'}
      onClick={toggle}
      data-testid="pin-button"
    >
      <PinIcon /> {pinned ? 'Pinned' : 'Pin'}
    </button>
  );
}
