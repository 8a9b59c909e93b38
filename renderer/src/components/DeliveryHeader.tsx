import { useState } from 'react';
import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import { formatByteSize } from '../model/byte-size.js';
import { buildCurlCommand } from '../model/curl-command.js';
import { useReceiverOrigin } from '../model/engine-health-context.js';
import { formatExactTime, formatRelativeTime } from '../model/relative-time.js';
import { useNow } from '../model/use-now.js';
import { useWorkbench } from '../model/workbench-context.js';
import { CopyButton } from './CopyButton.js';
import { StatusBadge } from './StatusBadge.js';
import './DeliveryHeader.css';

/** Request line, response status, when and where from, and the actions (copy curl, delete). */
export function DeliveryHeader({ record, onDeleted }: { record: DeliveryRecord; onDeleted(): void }) {
  const { records, deliveries, inboxes } = useWorkbench();
  const receiverOrigin = useReceiverOrigin();
  const now = useNow();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const inbox = inboxes.byId(record.inbox_id);

  const remove = () => {
    setDeleteError(null);
    records.remove(record.id).then(
      () => {
        deliveries.receive({ type: 'delivery.deleted', id: record.id });
        onDeleted();
      },
      (error: unknown) => setDeleteError(error instanceof Error ? error.message : String(error)),
    );
  };

  return (
    <header className="delivery-header">
      <div className="delivery-header__line">
        <StatusBadge status={record.response?.status ?? record.response_status} long />
        <span className="delivery-header__method">{record.method}</span>
        <span className="delivery-header__path" data-testid="detail-path">
          {record.path}
        </span>
        <span className="delivery-header__actions">
          {receiverOrigin && record.direction === 'in' && (
            <CopyButton
              text={() => buildCurlCommand(record, receiverOrigin)}
              label="Copy as curl"
              small
              title="Copy a curl command that sends this exact request to the receiver again"
              testId="copy-curl"
            />
          )}
          <button type="button" className="button button--small button--ghost button--danger" onClick={remove}>
            Delete
          </button>
        </span>
      </div>
      <div className="delivery-header__meta">
        {record.event && <span className="delivery-header__event">{record.event}</span>}
        <span>{record.direction === 'in' ? 'Received' : 'Sent'}</span>
        {inbox && <span>in {inbox.name}</span>}
        <span>{formatByteSize(record.body.size)}</span>
        <time dateTime={record.received_at} title={record.received_at}>
          {formatExactTime(record.received_at)} · {formatRelativeTime(record.received_at, now)}
        </time>
      </div>
      {deleteError && <p className="error-text delivery-header__error">{deleteError}</p>}
    </header>
  );
}
