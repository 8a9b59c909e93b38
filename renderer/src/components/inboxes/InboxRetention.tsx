import { useState, type FormEvent } from 'react';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import {
  describeRetention,
  parseRetentionDraft,
  retentionDraft,
  retentionOf,
  type RetentionDraft,
} from '../../model/inboxes/retention-draft.js';
import { useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import './InboxRetention.css';

type Mode = 'view' | 'edit' | 'confirm-clear';

/** How much the inbox keeps (max count, max age), and "Clear inbox" behind an inline confirm; pins always stay. */
export function InboxRetention({ inbox }: { inbox: Inbox }) {
  const { inboxes } = useWorkbench();
  const retention = retentionOf(inbox);
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState<RetentionDraft>(() => retentionDraft(retention));
  // A draft the form refuses before any request, apart from the engine's own refusal.
  const [invalid, setInvalid] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const { busy } = action;
  const error = invalid ?? action.error;

  const startEdit = () => {
    setDraft(retentionDraft(retention));
    setInvalid(null);
    action.clearError();
    setNotice(null);
    setMode('edit');
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseRetentionDraft(draft);
    if (!parsed.ok) {
      setInvalid(parsed.message);
      return;
    }
    setInvalid(null);
    void action.run(async () => {
      await inboxes.setRetention(inbox.id, parsed.retention);
      setMode('view');
    });
  };

  const clear = () => {
    setInvalid(null);
    void action.run(async () => {
      const result = await inboxes.clear(inbox.id);
      setMode('view');
      setNotice(
        `Removed ${result.removed.toLocaleString()} ${result.removed === 1 ? 'delivery' : 'deliveries'}` +
          (result.kept_pinned > 0 ? `; kept ${result.kept_pinned.toLocaleString()} pinned.` : '.'),
      );
    });
  };

  return (
    <section className="inbox-retention" aria-label={`What ${inbox.name} keeps`} data-testid="inbox-retention">
      <div className="inbox-retention__head">
        <h3 className="detail-section-title">Retention</h3>
        {mode === 'view' && (
          <>
            <button type="button" className="button button--small" onClick={startEdit}>
              Edit retention
            </button>
            <button
              type="button"
              className="button button--small button--ghost button--danger"
              onClick={() => {
                setNotice(null);
                setInvalid(null);
                action.clearError();
                setMode('confirm-clear');
              }}
            >
              Clear inbox
            </button>
          </>
        )}
      </div>
      {mode === 'edit' ? (
        <form className="inbox-retention__form" onSubmit={save}>
          <label>
            <span>Max deliveries</span>
            <input
              className="field"
              inputMode="numeric"
              placeholder="no limit"
              value={draft.maxCount}
              onChange={(e) => setDraft({ ...draft, maxCount: e.target.value })}
            />
          </label>
          <label>
            <span>Max age (hours)</span>
            <input
              className="field"
              inputMode="numeric"
              placeholder="no limit"
              value={draft.maxAgeHours}
              onChange={(e) => setDraft({ ...draft, maxAgeHours: e.target.value })}
            />
          </label>
          <button type="submit" className="button button--small button--primary" disabled={busy}>
            Save
          </button>
          <button type="button" className="button button--small" onClick={() => setMode('view')}>
            Cancel
          </button>
          <span className="muted inbox-retention__hint">Empty means no limit. Oldest go first; pinned deliveries always stay.</span>
        </form>
      ) : (
        <p className="inbox-retention__summary" data-testid="retention-summary">
          {describeRetention(retention)}
        </p>
      )}
      {mode === 'confirm-clear' && (
        <div className="inbox-card__confirm" role="alertdialog" aria-label={`Clear ${inbox.name}?`}>
          <span>
            Remove every unpinned delivery of <strong>{inbox.name}</strong>? Pinned deliveries stay. This cannot be undone.
          </span>
          <span className="inbox-retention__confirm-actions">
            <button type="button" className="button button--small button--danger" disabled={busy} onClick={clear}>
              Clear deliveries
            </button>
            <button type="button" className="button button--small" onClick={() => setMode('view')}>
              Keep them
            </button>
          </span>
        </div>
      )}
      {notice && (
        <p className="muted" role="status" data-testid="clear-result">
          {notice}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
