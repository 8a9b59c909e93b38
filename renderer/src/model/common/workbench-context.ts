import { createContext, useContext } from 'react';
import type { Workbench } from './workbench.js';

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const workbench = useContext(WorkbenchContext);
  if (!workbench) throw new Error('useWorkbench must be used inside <WorkbenchContext.Provider>.');
  return workbench;
}
