import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { headersText } from '../../model/delivery/header-list.js';
import { CopyButton } from '../common/CopyButton.js';
import { DeliveryBodyView } from './DeliveryBodyView.js';
import { HeaderTable } from './HeaderTable.js';
import { StatusBadge } from '../common/StatusBadge.js';
import './ResponseTab.css';
import { headerValues } from '../../../../shared/inboundflow/headers.js';

/** What the sender was answered: status, headers, body. */
export function ResponseTab({ record }: { record: DeliveryRecord }) {
  const { response, direction } = record;
  if (!response) {
    return (
      <p className="muted" data-testid="response-none">
        {direction === 'out'
          ? 'No response: the endpoint never answered (see the attempts and their failure class on Overview), or nothing was sent yet.'
          : 'No response was recorded: the connection ended before Hookbench answered, or the answer is still being written.'}
      </p>
    );
  }
  return (
    <div className="response-tab" data-testid="response">
      <div className="response-tab__status">
        <StatusBadge status={response.status} long />
      </div>
      <section>
        <div className="tab-toolbar">
          <h3 className="detail-section-title">Headers</h3>
          <CopyButton text={headersText(response.headers)} label="Copy all" small />
        </div>
        <HeaderTable headers={response.headers} testId="response-headers" />
      </section>
      <section className="response-tab__body">
        <h3 className="detail-section-title">Body</h3>
        <DeliveryBodyView
          deliveryId={record.id}
          part="response"
          body={response.body}
          contentType={headerValues(response.headers, 'content-type')[0] ?? null}
          testId="response-body"
          inline
        />
      </section>
    </div>
  );
}
