import { LockIcon } from '../common/LockIcon.js';
import { useState, type FormEvent } from 'react';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import { sampleWebhookCurl } from '../../model/inboxes/sample-webhook.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { CommandSnippet } from '../common/CommandSnippet.js';
import { InboxAnswerSettings } from './InboxAnswerSettings.js';
import { InboxRetention } from './InboxRetention.js';
import { InboxSignatureSettings } from './InboxSignatureSettings.js';
import { ReceiverUrls } from './ReceiverUrls.js';
import './InboxCard.css';

type Mode = 'view' | 'rename' | 'confirm-delete';

/** One inbox: its URLs, a curl to try it, and rename/delete done inline (no browser dialogs). */
export function InboxCard({ inbox, onShowDeliveries }: { inbox: Inbox; onShowDeliveries: (inboxId: string, search?: string) => void }) {
  const { inboxes } = useWorkbench();
  const [mode, setMode] = useState<Mode>('view');
  const [name, setName] = useState(inbox.name);
  const [error, setError] = useState<string | null>(null);

  const run = (action: Promise<void>) => {
    setError(null);
    action.then(
      () => setMode('view'),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && name.trim() !== inbox.name) run(inboxes.rename(inbox.id, name.trim()));
    else setMode('view');
  };

  return (
    <article className="inbox-card" data-testid="inbox-card" data-inbox-slug={inbox.slug}>
      <header className="inbox-card__header">
        {mode === 'rename' ? (
          <form className="inbox-card__rename" onSubmit={rename}>
            <input
              className="field"
              aria-label="New name"
              autoFocus
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="button button--small button--primary">
              Save
            </button>
            <button type="button" className="button button--small" onClick={() => setMode('view')}>
              Cancel
            </button>
          </form>
        ) : (
          <h2>{inbox.name}</h2>
        )}
        <code className="inbox-card__slug">/i/{inbox.slug}</code>
        <span className="inbox-card__count">
          {inbox.delivery_count.toLocaleString()} {inbox.delivery_count === 1 ? 'delivery' : 'deliveries'}
        </span>
        {inbox.duplicate_count !== undefined && inbox.duplicate_count > 0 && (
          <button
            type="button"
            className="button button--small button--ghost inbox-card__duplicates"
            title="Received deliveries whose delivery_id this inbox saw before"
            onClick={() => onShowDeliveries(inbox.id, 'duplicate:yes')}
            data-testid="inbox-duplicates"
          >
            {inbox.duplicate_count.toLocaleString()} {inbox.duplicate_count === 1 ? 'duplicate' : 'duplicates'}
          </button>
        )}
        {inbox.secret && (
          <span className="inbox-card__secret" data-testid="inbox-secret-set">
            <LockIcon /> signing secret set
          </span>
        )}
        <div className="inbox-card__actions">
          <button type="button" className="button button--small" onClick={() => onShowDeliveries(inbox.id)}>
            Show deliveries
          </button>
          {mode === 'view' && (
            <>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => {
                  setName(inbox.name);
                  setMode('rename');
                }}
              >
                Rename
              </button>
              <button type="button" className="button button--small button--ghost button--danger" onClick={() => setMode('confirm-delete')}>
                Delete
              </button>
            </>
          )}
        </div>
      </header>
      {mode === 'confirm-delete' && (
        <div className="inbox-card__confirm" role="alertdialog" aria-label={`Delete ${inbox.name}?`}>
          <span>
            Delete <strong>{inbox.name}</strong> and its {inbox.delivery_count.toLocaleString()} deliveries? This cannot be undone.
          </span>
          <button type="button" className="button button--small button--danger" onClick={() => run(inboxes.remove(inbox.id))}>
            Delete inbox
          </button>
          <button type="button" className="button button--small" onClick={() => setMode('view')}>
            Keep it
          </button>
        </div>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <ReceiverUrls urls={inbox.urls} />
      <InboxAnswerSettings inbox={inbox} />
      <InboxSignatureSettings inbox={inbox} />
      <InboxRetention inbox={inbox} />
      <div className="inbox-card__try">
        <h3 className="detail-section-title">Try it</h3>
        <CommandSnippet command={sampleWebhookCurl(inbox.urls.http)} />
      </div>
    </article>
  );
}
