import { useEffect, useState } from 'react';
import type { Health } from '../../../shared/api/health.js';
import { EngineHealthContext } from '../model/engine-health-context.js';
import { startWorkbench, type Workbench } from '../model/workbench.js';
import { WorkbenchContext } from '../model/workbench-context.js';
import { DeliveriesView } from './DeliveriesView.js';
import { InboxesPanel } from './InboxesPanel.js';
import { TopBar, type WorkbenchView } from './TopBar.js';
import './WorkbenchShell.css';

/** The signed-in app: starts the live feed and the first loads, and switches between the inbox and the inboxes panel. */
export function WorkbenchShell({ workbench, health }: { workbench: Workbench; health: Health }) {
  const [view, setView] = useState<WorkbenchView>('deliveries');

  useEffect(() => startWorkbench(workbench), [workbench]);

  const showInbox = (inboxId: string) => {
    void workbench.deliveries.setFilters({ ...workbench.deliveries.getSnapshot().filters, inbox: inboxId });
    setView('deliveries');
  };

  return (
    <WorkbenchContext.Provider value={workbench}>
      <EngineHealthContext.Provider value={health}>
        <div className="shell">
          <TopBar view={view} onViewChange={setView} />
          <main className="shell__main">
            {view === 'deliveries' ? <DeliveriesView /> : <InboxesPanel onShowDeliveries={showInbox} />}
          </main>
        </div>
      </EngineHealthContext.Provider>
    </WorkbenchContext.Provider>
  );
}
