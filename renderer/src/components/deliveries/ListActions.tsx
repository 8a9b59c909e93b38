import { useState } from 'react';
import { useBulkReplay } from '../../model/deliveries/use-bulk-replay.js';
import { useDeliverySelection } from '../../model/common/use-stores.js';
import { BulkReplayDialog, type BulkReplayScope } from './BulkReplayDialog.js';
import { BulkReplayProgress } from './BulkReplayProgress.js';
import { InsightPanel } from '../insight/InsightPanel.js';
import { ListExportMenu } from './ListExportMenu.js';
import './ListActions.css';

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
        {replaying && <BulkReplayDialog scope={replaying} onClose={() => setReplaying(null)} />}
      </div>
      {showInsight && <InsightPanel />}
    </>
  );
}
