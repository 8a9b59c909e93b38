import { useState } from 'react';
import type { Body } from '../../../../shared/api/common.js';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import { buildCurlCommand, curlTargetOf } from '../../model/delivery/curl-command.js';
import { useReceiverOrigin } from '../../model/common/engine-health-context.js';
import { formatExactTime, formatRelativeTime } from '../../model/common/relative-time.js';
import { useNow } from '../../model/common/use-now.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { CopyButton } from '../common/CopyButton.js';
import { DeliveryExportMenu } from './DeliveryExportMenu.js';
import { DispatchBadge } from '../common/DispatchBadge.js';
import { PinButton } from './PinButton.js';
import { RedeliverButton } from './RedeliverButton.js';
import { ReplayButton } from './ReplayButton.js';
import { StatusBadge } from '../common/StatusBadge.js';
import './DeliveryHeader.css';

/** Request line, response status, when and where from, and the actions (copy curl, delete). */
export function DeliveryHeader({ record, onDeleted }: { record: DeliveryRecord; onDeleted: () => void }) {
  const { records, bodies, deliveries, inboxes, integrations } = useWorkbench();
  const receiverOrigin = useReceiverOrigin();
  const now = useNow();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [redeliverError, setRedeliverError] = useState<string | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);
  const inbox = inboxes.byId(record.inbox_id);
  const integration = integrations.byId(record.integration_id);
  const outgoing = record.direction === 'out';
  const curlTarget = curlTargetOf(record, receiverOrigin);

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
        <StatusBadge
          status={record.response?.status ?? record.response_status}
          failureClass={record.dispatch_state ? null : record.error_class}
          long
        />
        <span className="delivery-header__method">{record.method}</span>
        <span
          className="delivery-header__path"
          data-testid="detail-path"
          title={outgoing ? 'The URL this delivery was sent to' : undefined}
        >
          {outgoing && record.target_url ? record.target_url : record.path}
        </span>
        <span className="delivery-header__actions">
          {outgoing && <RedeliverButton record={record} onError={setRedeliverError} />}
          {curlTarget && (
            <CopyButton
              text={() => {
                const curlOf = (body: Body) =>
                  buildCurlCommand({ method: record.method, headers: record.headers, path: curlTarget.path, body }, curlTarget.origin);
                // A deferred body is fetched first; the button says "Loading…" meanwhile.
                return record.body.encoding === 'deferred'
                  ? bodies.resolve(record.id, 'request', record.body).then(curlOf)
                  : curlOf(record.body);
              }}
              label="Copy as curl"
              small
              title={
                outgoing
                  ? 'Copy a curl command that sends these exact bytes and headers to the target URL again (same timestamp and signature)'
                  : 'Copy a curl command that sends this exact request to the receiver again'
              }
              testId="copy-curl"
            />
          )}
          <PinButton record={record} onError={setPinError} />
          <ReplayButton record={record} />
          <DeliveryExportMenu deliveryId={record.id} />
          <button type="button" className="button button--small button--ghost button--danger" onClick={remove}>
            Delete
          </button>
        </span>
      </div>
      <div className="delivery-header__meta">
        {record.event && <span className="delivery-header__event">{record.event}</span>}
        {outgoing && record.dispatch_state && (
          <DispatchBadge state={record.dispatch_state} errorClass={record.error_class} skippedReason={record.skipped_reason} long />
        )}
        {outgoing ? (
          <span>Sent to {integration ? integration.name : record.integration_id ? 'an integration' : 'a deleted integration'}</span>
        ) : (
          <span>Received</span>
        )}
        {inbox && <span>in {inbox.name}</span>}
        {outgoing && record.attempts && (
          <span>
            {record.attempts.length} {record.attempts.length === 1 ? 'attempt' : 'attempts'}
          </span>
        )}
        <span>{formatByteSize(record.body.size)}</span>
        <time dateTime={record.received_at} title={record.received_at}>
          {formatExactTime(record.received_at)} · {formatRelativeTime(record.received_at, now)}
        </time>
      </div>
      {deleteError && <p className="error-text delivery-header__error">{deleteError}</p>}
      {pinError && (
        <p className="error-text delivery-header__error" role="alert">
          {pinError}
        </p>
      )}
      {redeliverError && (
        <p className="error-text delivery-header__error" role="alert" data-testid="redeliver-error">
          {redeliverError}
        </p>
      )}
    </header>
  );
}
