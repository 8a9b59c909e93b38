import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { Health } from '../../../../shared/api/health.js';
import { outgoingFilters } from '../../model/deliveries/delivery-filters.js';
import { EngineHealthContext } from '../../model/common/engine-health-context.js';
import { NavigationContext, type DeliveryFocus, type Navigation } from '../../model/common/navigation-context.js';
import { startWorkbench, type Workbench } from '../../model/common/workbench.js';
import { WorkbenchContext } from '../../model/common/workbench-context.js';
import { preloadCodeViews } from '../common/code/LazyCode.js';
import { DeliveriesView } from '../deliveries/DeliveriesView.js';
import { StorageBanner } from './StorageBanner.js';
import { TopBar, type WorkbenchView } from './TopBar.js';
import { UrlChangeBanner } from '../tunnel/UrlChangeBanner.js';
import './WorkbenchShell.css';

// The other views load when first opened, so the inbox the app starts on loads alone.
const InboxesPanel = lazy(() => import('../inboxes/InboxesPanel.js').then((module) => ({ default: module.InboxesPanel })));
const IntegrationsView = lazy(() => import('../integrations/IntegrationsView.js').then((module) => ({ default: module.IntegrationsView })));
const FailureLabPage = lazy(() => import('../failure-lab/FailureLabPage.js').then((module) => ({ default: module.FailureLabPage })));

/** The signed-in app: starts the live feed and the first loads, and switches between the inbox and the inboxes panel. */
export function WorkbenchShell({ workbench, health }: { workbench: Workbench; health: Health }) {
  const [view, setView] = useState<WorkbenchView>('deliveries');

  useEffect(() => startWorkbench(workbench), [workbench]);

  // After the inbox has painted, fetch the body viewer, so the first body opens at once.
  useEffect(() => {
    const idle = requestIdleCallback(() => void preloadCodeViews(), { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  // A delivery to open from anywhere (a replay's original, a lab step), even while the Deliveries view is showing.
  const [focus, setFocus] = useState<DeliveryFocus | null>(null);
  const navigation = useMemo<Navigation>(
    () => ({
      focus,
      openDelivery: (id) => {
        setFocus((current) => ({ id, seq: (current?.seq ?? 0) + 1 }));
        setView('deliveries');
      },
    }),
    [focus],
  );

  const showInbox = (inboxId: string) => {
    void workbench.deliveries.setFilters({ ...workbench.deliveries.getSnapshot().filters, inbox: inboxId, integration: '' });
    setView('deliveries');
  };

  const showOutgoing = (integrationId: string, deliveryId?: string) => {
    void workbench.deliveries.setFilters(outgoingFilters(integrationId));
    if (deliveryId) navigation.openDelivery(deliveryId);
    else setView('deliveries');
  };

  const changeView = (next: WorkbenchView) => {
    setFocus(null);
    setView(next);
  };

  return (
    <WorkbenchContext.Provider value={workbench}>
      <EngineHealthContext.Provider value={health}>
        <NavigationContext.Provider value={navigation}>
          <div className="shell">
            <TopBar view={view} onViewChange={changeView} />
            <UrlChangeBanner />
            <StorageBanner />
            <main className="shell__main">
              {view === 'deliveries' && <DeliveriesView />}
              <Suspense fallback={<p className="shell__loading muted">Loading…</p>}>
                {view === 'inboxes' && <InboxesPanel onShowDeliveries={showInbox} />}
                {view === 'integrations' && <IntegrationsView onShowDeliveries={showOutgoing} />}
                {view === 'lab' && <FailureLabPage />}
              </Suspense>
            </main>
          </div>
        </NavigationContext.Provider>
      </EngineHealthContext.Provider>
    </WorkbenchContext.Provider>
  );
}
