import { useId, useRef, useState, type FormEvent } from 'react';
import { bulkReplayBody, describeFilters, type BulkReplayDraft } from '../../model/deliveries/bulk-replay-request.js';
import { useBulkReplay } from '../../model/deliveries/use-bulk-replay.js';
import { useDeliveryList, useDeliverySelection, useInboxes } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { ModalDialog } from '../common/ModalDialog.js';
import { REPLAY_MODE_OPTIONS } from '../delivery/replay-mode-options.js';
import { SegmentedControl } from '../common/SegmentedControl.js';
import '../delivery/ReplayDialog.css';

/** list: everything the filters match; selected: only the rows picked in the list. */
export type BulkReplayScope = 'list' | 'selected';

/** Replays the list under its filters, or the rows picked in it, in arrival order, as one job with live progress. */
export function BulkReplayDialog({ scope, onClose }: { scope: BulkReplayScope; onClose: () => void }) {
  const { bulkReplays, selection } = useWorkbench();
  const { filters, count, hasMore } = useDeliveryList();
  const picked = useDeliverySelection().ids.size;
  const { inboxes } = useInboxes();
  const { starting, error } = useBulkReplay();
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const anyForward = inboxes.some((inbox) => inbox.forward_to);
  const [draft, setDraft] = useState<BulkReplayDraft>({
    receivedOnly: true,
    target: anyForward ? 'default' : 'custom',
    customUrl: '',
    mode: 'exact',
    secret: '',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const update = (patch: Partial<BulkReplayDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setProblem(null);
  };

  const start = (event: FormEvent) => {
    event.preventDefault();
    const body = bulkReplayBody(scope === 'selected' ? { ids: selection.inArrivalOrder() } : { filters }, draft);
    if (!body.ok) {
      setProblem(body.error);
      return;
    }
    void bulkReplays.start(body.body).then((job) => job && dialog.current?.close());
  };

  const what = describeFilters(filters, (id) => inboxes.find((inbox) => inbox.id === id || inbox.slug === id)?.name);
  const shown = `${count.toLocaleString()}${hasMore ? '+' : ''}`;
  return (
    <ModalDialog
      dialogRef={dialog}
      labelledBy={`${ids}-title`}
      onClose={onClose}
      testId="bulk-replay-dialog"
      data={{ 'data-scope': scope }}
    >
      <form className="replay-dialog__form" onSubmit={start}>
        <header className="replay-dialog__header">
          <div>
            {scope === 'selected' ? (
              <>
                <h2 id={`${ids}-title`}>
                  Replay {picked === 1 ? 'the selected delivery' : `${picked.toLocaleString()} selected deliveries`}
                </h2>
                <p className="replay-dialog__help">
                  Sends the {picked === 1 ? 'delivery' : 'deliveries'} picked in the list again, one after another in arrival order (oldest
                  first), whatever order they were picked in.
                </p>
              </>
            ) : (
              <>
                <h2 id={`${ids}-title`}>Replay the list</h2>
                <p className="replay-dialog__help">
                  Sends {what} ({shown} shown) again, one after another in arrival order. The set is fixed when the job starts, so its own
                  replays are not replayed.
                </p>
              </>
            )}
          </div>
          <button type="button" className="button button--ghost button--small" onClick={() => dialog.current?.close()} aria-label="Close">
            ✕
          </button>
        </header>

        <div className="replay-dialog__grid">
          {scope === 'list' && !filters.direction && (
            <>
              <span className="replay-dialog__label">Which</span>
              <label className="replay-dialog__check">
                <input type="checkbox" checked={draft.receivedOnly} onChange={(e) => update({ receivedOnly: e.target.checked })} />
                Only received deliveries (skip what Hookbench sent and earlier replays)
              </label>
            </>
          )}

          <span className="replay-dialog__label">Send to</span>
          <div className="replay-dialog__control" role="radiogroup" aria-label="Send to">
            <label className="replay-dialog__target">
              <input
                type="radio"
                name={`${ids}-target`}
                checked={draft.target === 'default'}
                onChange={() => update({ target: 'default' })}
              />
              <span>
                Each delivery&apos;s default target
                <span className="replay-dialog__help">
                  its inbox&apos;s forward target (a delivery whose inbox does not forward fails), or a sent delivery&apos;s URL
                </span>
              </span>
            </label>
            <label className="replay-dialog__target">
              <input
                type="radio"
                name={`${ids}-target`}
                checked={draft.target === 'custom'}
                onChange={() => update({ target: 'custom' })}
              />
              <span>One URL for all</span>
            </label>
            {draft.target === 'custom' && (
              <input
                className="field mono"
                aria-label="Bulk replay target URL"
                placeholder="http://localhost:3000/webhooks"
                value={draft.customUrl}
                onChange={(e) => update({ customUrl: e.target.value })}
              />
            )}
          </div>

          <span className="replay-dialog__label">Mode</span>
          <div className="replay-dialog__control">
            <SegmentedControl<BulkReplayDraft['mode']>
              label="Bulk replay mode"
              value={draft.mode}
              options={REPLAY_MODE_OPTIONS}
              onChange={(mode) => update({ mode })}
            />
            {draft.mode === 'resign' && (
              <input
                className="field mono"
                aria-label="Signing secret (optional)"
                placeholder="Secret — empty: each inbox's own"
                value={draft.secret}
                onChange={(e) => update({ secret: e.target.value })}
              />
            )}
          </div>
        </div>

        {(problem ?? error) && (
          <p className="replay-dialog__error" role="alert">
            {problem ?? error}
          </p>
        )}
        <footer className="replay-dialog__footer">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={starting} data-testid="bulk-replay-start">
            {starting ? 'Starting…' : 'Start replay'}
          </button>
        </footer>
      </form>
    </ModalDialog>
  );
}
