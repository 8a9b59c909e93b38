import { useCallback, useEffect, useState } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { mayBeReplayOf, replaysOfQuery } from './replays-of.js';
import { useWorkbench } from '../common/workbench-context.js';

export type ReplaysOfState = { status: 'loading' } | { status: 'ready'; replays: DeliveryRecord[] } | { status: 'error'; message: string };

/** The replays of a delivery (outgoing deliveries with `replay_of` = it), newest first, kept current by the live feed. */
export function useReplaysOf(record: DeliveryRecord): { state: ReplaysOfState; refresh(): void } {
  const { replays, records, feed } = useWorkbench();
  const [state, setState] = useState<ReplaysOfState>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    (async () => {
      const page = await replays.listDeliveries(replaysOfQuery(record));
      return Promise.all(page.items.map((row) => records.get(row.id, row)));
    })().then(
      (found) => current && setState({ status: 'ready', replays: found }),
      (error: unknown) => current && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [record, version, replays, records]);

  useEffect(
    () =>
      feed.subscribe((message) => {
        if (message.type === 'delivery.created' && mayBeReplayOf(record, message.delivery)) refresh();
      }),
    [feed, record, refresh],
  );

  return { state, refresh };
}
