import { useSyncExternalStore } from 'react';
import type { FailureLabSnapshot } from './failure-lab-store.js';
import { useWorkbench } from '../common/workbench-context.js';

export function useFailureLab(): FailureLabSnapshot {
  const { lab } = useWorkbench();
  return useSyncExternalStore(lab.subscribe, lab.getSnapshot);
}
