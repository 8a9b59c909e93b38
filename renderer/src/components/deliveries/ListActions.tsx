import { lazy, Suspense, useState } from 'react';
import { useBulkReplay } from '../../model/deliveries/use-bulk-replay.js';
import { useDeliverySelection } from '../../model/common/use-stores.js';
import type { BulkReplayScope } from './BulkReplayDialog.js';
import { BulkReplayProgress } from './BulkReplayProgress.js';
import { ListExportMenu } from './ListExportMenu.js';
import './ListActions.css';

// Both open on demand, so they load on demand.
const BulkReplayDialog = lazy(() => import('./BulkReplayDialog.js').then((module) => ({ default: module.BulkReplayDialog })));
const InsightPanel = lazy(() => import('../insight/InsightPanel.js').then((module) => ({ default: module.InsightPanel })));

/** What can be done with the filtered list (or the rows picked in it): replay, export, chart, and the progress of a bulk replay. */
export function ListActions() {
  const [replaying, setReplaying] = useState<BulkReplayScope | null>(null);
  const [showInsight, setShowInsight] = useState(false);
  const { job } = useBulkReplay();
  const picked = useDeliverySelection().ids.size;
  return (
    <>
      <div className="list-actions" data-testid="list-actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => setReplaying(picked > 0 ? 'selected' : 'list')}
          disabled={job?.state === 'running'}
          data-testid="bulk-replay-open"
          data-scope={picked > 0 ? 'selected' : 'list'}
        >
          {picked > 0 ? `Replay ${picked.toLocaleString()} selected…` : 'Replay list…'}
        </button>
        <ListExportMenu />
        <button
          type="button"
          className="button button--small button--ghost"
          aria-expanded={showInsight}
          onClick={() => setShowInsight(!showInsight)}
          data-testid="rate-toggle"
        >
          Insight
        </button>
        <BulkReplayProgress />
        {replaying && (
          <Suspense fallback={null}>
            <BulkReplayDialog scope={replaying} onClose={() => setReplaying(null)} />
          </Suspense>
        )}
      </div>
      {showInsight && (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <InsightPanel />
        </Suspense>
      )}
    </>
  );
}
