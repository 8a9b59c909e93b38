import { useEffect } from 'react';
import { formatByteSize } from '../../model/common/byte-size.js';
import { useInboxes } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { useStorageSize } from '../../model/inboxes/use-storage-size.js';
import { CreateInboxForm } from './CreateInboxForm.js';
import { InboxCard } from './InboxCard.js';
import './InboxesPanel.css';

/** Create, rename and delete inboxes; each shows where to send webhooks and a curl to try it. */
export function InboxesPanel({ onShowDeliveries }: { onShowDeliveries: (inboxId: string, search?: string) => void }) {
  const store = useWorkbench().inboxes;
  const { inboxes, loaded, error } = useInboxes();
  const totalDeliveries = inboxes.reduce((sum, inbox) => sum + inbox.delivery_count, 0);
  const storage = useStorageSize(totalDeliveries);
  // Exact counts from the engine each time the panel opens; live arrivals keep them moving in between.
  useEffect(() => void store.load(), [store]);
  return (
    <div className="inboxes-panel" data-testid="inboxes-panel">
      <div className="inboxes-panel__inner">
        <header className="inboxes-panel__header">
          <div>
            <h1>Inboxes</h1>
            <p className="muted">
              Each inbox has its own URLs. Requests to <code>/i/&lt;slug&gt;/…</code> land in that inbox; every other path lands in{' '}
              <strong>default</strong>.
            </p>
          </div>
          {storage && (
            <p
              className="inboxes-panel__storage"
              data-testid="storage-size"
              title={`Database ${formatByteSize(storage.db_bytes)} + write-ahead log ${formatByteSize(storage.wal_bytes)}`}
            >
              <span className="muted">Data on disk</span> <strong>{formatByteSize(storage.total_bytes)}</strong>
            </p>
          )}
        </header>
        <CreateInboxForm />
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        {loaded && inboxes.length === 0 && !error && <p className="muted">No inboxes yet.</p>}
        <div className="inboxes-panel__list">
          {inboxes.map((inbox) => (
            <InboxCard key={inbox.id} inbox={inbox} onShowDeliveries={onShowDeliveries} />
          ))}
        </div>
      </div>
    </div>
  );
}
