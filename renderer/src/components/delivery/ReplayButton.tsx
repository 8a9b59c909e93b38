import { lazy, Suspense, useState } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';

// The dialog (and its editor) loads when first opened.
const ReplayDialog = lazy(() => import('./ReplayDialog.js').then((module) => ({ default: module.ReplayDialog })));

/** Opens the replay dialog for this delivery. */
export function ReplayButton({ record }: { record: DeliveryRecord }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => setOpen(true)}
        data-testid="replay-open-dialog"
        title="Send this delivery again to your handler or any URL"
      >
        Replay…
      </button>
      {open && (
        <Suspense fallback={null}>
          <ReplayDialog key={record.id} record={record} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
