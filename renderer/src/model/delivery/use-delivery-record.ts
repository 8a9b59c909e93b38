import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { useWorkbench } from '../common/workbench-context.js';

export type RecordState =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; record: DeliveryRecord } | { status: 'error'; message: string };

/** The full record of the open delivery; refetched when the live feed reports it changed. */
export function useDeliveryRecord(id: string | null): RecordState {
  const { deliveries, records } = useWorkbench();
  // Subscribes to this one summary only, so a burst of other deliveries does not re-render the detail.
  const summary = useSyncExternalStore(deliveries.subscribe, () => (id ? deliveries.summary(id) : undefined));
  const [state, setState] = useState<RecordState>({ status: 'idle' });

  // A new question (another delivery, or this one changed) shows loading, except that the open record stays until its update arrives.
  const [asked, setAsked] = useState<{ id: string | null; summary: typeof summary }>({ id: null, summary: undefined });
  if (asked.id !== id || asked.summary !== summary) {
    setAsked({ id, summary });
    if (!id) setState({ status: 'idle' });
    else if (!(state.status === 'ready' && state.record.id === id)) setState({ status: 'loading' });
  }

  useEffect(() => {
    if (!id) return;
    let current = true;
    records.get(id, summary).then(
      (record) => current && setState({ status: 'ready', record }),
      (error: unknown) => current && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [id, summary, records]);

  return state;
}
