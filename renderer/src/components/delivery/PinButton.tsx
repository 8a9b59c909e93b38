import { useState } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { PinIcon } from '../deliveries/DeliveryRow.js';

/** Pin / unpin: a pinned delivery is never removed by retention or "Clear inbox". */
export function PinButton({ record, onError }: { record: DeliveryRecord; onError: (message: string | null) => void }) {
  const workbench = useWorkbench();
  const recordPinned = record.pinned === true;
  const [pinned, setPinned] = useState(recordPinned);
  const [busy, setBusy] = useState(false);
  // A new record (another delivery, or this one changed elsewhere) resets what the button shows.
  const [shown, setShown] = useState({ id: record.id, pinned: recordPinned });
  if (shown.id !== record.id || shown.pinned !== recordPinned) {
    setShown({ id: record.id, pinned: recordPinned });
    setPinned(recordPinned);
  }

  const toggle = () => {
    setBusy(true);
    onError(null);
    workbench.setPinned(record.id, !pinned).then(
      (summary) => {
        setPinned(summary.pinned === true);
        setBusy(false);
      },
      (error: unknown) => {
        setBusy(false);
        onError(error instanceof Error ? error.message : String(error));
      },
    );
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
