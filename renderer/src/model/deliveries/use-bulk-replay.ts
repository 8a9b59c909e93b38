import { useSyncExternalStore } from 'react';
import type { BulkReplaySnapshot } from './bulk-replay-store.js';
import { useWorkbench } from '../common/workbench-context.js';

export function useBulkReplay(): BulkReplaySnapshot {
  const { bulkReplays } = useWorkbench();
  return useSyncExternalStore(bulkReplays.subscribe, bulkReplays.getSnapshot);
}
