import { useSyncExternalStore } from 'react';
import type { SessionStore } from '../../model/common/session-store.js';
import type { Workbench } from '../../model/common/workbench.js';
import { StartupFailedScreen } from './StartupFailedScreen.js';
import { UnauthorizedScreen } from './UnauthorizedScreen.js';
import { WorkbenchShell } from './WorkbenchShell.js';
import './App.css';

/** Decides between the sign-in hint, a start-up error and the workbench; no data renders without a session. */
export function App({ workbench, session }: { workbench: Workbench; session: SessionStore }) {
  const outcome = useSyncExternalStore(session.subscribe, session.getSnapshot);
  if (outcome === null) return <div className="app-loading" aria-busy="true" />;
  if (outcome.kind === 'unauthorized') return <UnauthorizedScreen />;
  if (outcome.kind === 'failed') return <StartupFailedScreen message={outcome.message} />;
  // Unmounting the shell (on a 401) stops the live feed; a new sign-in mounts it afresh.
  return <WorkbenchShell workbench={workbench} health={outcome.health} />;
}
