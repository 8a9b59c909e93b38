import { progressFraction } from '../../model/deliveries/bulk-replay-store.js';
import { useBulkReplay } from '../../model/deliveries/use-bulk-replay.js';
import { useWorkbench } from '../../model/common/workbench-context.js';

const STATE_WORDS = { running: 'Replaying', done: 'Replayed', cancelled: 'Cancelled after', failed: 'Stopped after' } as const;

/** The bulk replay's progress bar, moved by the live replay.progress messages, with Cancel while it runs. */
export function BulkReplayProgress() {
  const { bulkReplays } = useWorkbench();
  const { job, cancelling, error } = useBulkReplay();
  if (!job) return null;
  const fraction = progressFraction(job);
  const running = job.state === 'running';
  return (
    <div
      className={`bulk-progress bulk-progress--${job.state}`}
      data-testid="bulk-replay-progress"
      data-state={job.state}
      data-done={job.done}
      data-total={job.total}
    >
      <div className="bulk-progress__text">
        <strong>
          {STATE_WORDS[job.state]} {job.done.toLocaleString()} / {job.total.toLocaleString()}
        </strong>
        <span className="bulk-progress__detail">
          <span title={job.target ?? undefined}>to {job.target ?? 'each default target'}</span>
          {job.failed > 0 && <span className="bulk-progress__failed"> · {job.failed.toLocaleString()} without a 2xx</span>}
          {error && <span className="error-text"> · {error}</span>}
        </span>
      </div>
      <div
        className="bulk-progress__bar"
        role="progressbar"
        aria-label="Bulk replay progress"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.done}
      >
        <span style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      {running ? (
        <button type="button" className="button button--small" onClick={() => void bulkReplays.cancel()} disabled={cancelling}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      ) : (
        <button type="button" className="button button--small button--ghost" onClick={() => bulkReplays.dismiss()} aria-label="Dismiss">
          ✕
        </button>
      )}
    </div>
  );
}
