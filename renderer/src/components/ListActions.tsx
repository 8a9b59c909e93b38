import { useState } from 'react';
import { useBulkReplay } from '../model/use-bulk-replay.js';
import { BulkReplayDialog } from './BulkReplayDialog.js';
import { BulkReplayProgress } from './BulkReplayProgress.js';
import { InsightPanel } from './InsightPanel.js';
import { ListExportMenu } from './ListExportMenu.js';
import './ListActions.css';

/** What can be done with the whole filtered list: replay it, export it, chart it, and the progress of a bulk replay. */
export function ListActions() {
  const [replaying, setReplaying] = useState(false);
  const [showInsight, setShowInsight] = useState(false);
  const { job } = useBulkReplay();
  return (
    <>
      <div className="list-actions" data-testid="list-actions">
        <button type="button" className="button button--small" onClick={() => setReplaying(true)} disabled={job?.state === 'running'} data-testid="bulk-replay-open">
          Replay list…
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
        {replaying && <BulkReplayDialog onClose={() => setReplaying(false)} />}
      </div>
      {showInsight && <InsightPanel />}
    </>
  );
}
