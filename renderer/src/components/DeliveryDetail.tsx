import { useState } from 'react';
import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import { useDeliveryRecord } from '../model/use-delivery-record.js';
import { DeliveryHeader } from './DeliveryHeader.js';
import { BodyTab } from './BodyTab.js';
import { DetailPlaceholder } from './DetailPlaceholder.js';
import { HeadersTab } from './HeadersTab.js';
import { OverviewTab } from './OverviewTab.js';
import { ResponseTab } from './ResponseTab.js';
import { formatByteSize } from '../model/byte-size.js';
import './DeliveryDetail.css';

type DetailTab = 'overview' | 'headers' | 'body' | 'response';

function tabLabels(record: DeliveryRecord): [DetailTab, string, string?][] {
  return [
    ['overview', 'Overview'],
    ['headers', 'Headers', String(record.headers.length)],
    ['body', 'Body', formatByteSize(record.body.size)],
    ['response', 'Response', record.response ? String(record.response.status) : '—'],
  ];
}

/** The open delivery: a header with its facts and actions, then the tabs. The chosen tab stays while moving through the list. */
export function DeliveryDetail({ id, onDeleted }: { id: string | null; onDeleted(): void }) {
  const state = useDeliveryRecord(id);
  const [tab, setTab] = useState<DetailTab>('overview');

  if (state.status === 'idle') return <DetailPlaceholder />;
  if (state.status === 'loading') return <div className="delivery-detail__loading" aria-busy="true" />;
  if (state.status === 'error') {
    return (
      <div className="delivery-detail__error" role="alert">
        {state.message}
      </div>
    );
  }

  const { record } = state;
  return (
    <article className="delivery-detail" data-testid="delivery-detail" data-delivery-id={record.id}>
      <DeliveryHeader record={record} onDeleted={onDeleted} />
      <div className="delivery-detail__tabs" role="tablist" aria-label="Delivery parts">
        {tabLabels(record).map(([key, label, note]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={`delivery-detail__tab ${tab === key ? 'delivery-detail__tab--active' : ''}`}
            onClick={() => setTab(key)}
          >
            {label}
            {note && <span className="delivery-detail__tab-note">{note}</span>}
          </button>
        ))}
      </div>
      <div className="delivery-detail__panel" role="tabpanel" data-tab={tab}>
        {tab === 'overview' && <OverviewTab record={record} />}
        {tab === 'headers' && <HeadersTab headers={record.headers} />}
        {tab === 'body' && <BodyTab key={record.id} record={record} />}
        {tab === 'response' && <ResponseTab key={record.id} response={record.response} />}
      </div>
    </article>
  );
}
