import { useState, type ReactNode } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { useDeliveryRecord } from '../../model/delivery/use-delivery-record.js';
import { DeliveryHeader } from './DeliveryHeader.js';
import { BodyTab } from './BodyTab.js';
import { DetailPlaceholder } from './DetailPlaceholder.js';
import { HeadersTab } from './HeadersTab.js';
import { OverviewTab } from './OverviewTab.js';
import { ResponseTab } from './ResponseTab.js';
import { SignatureIcon } from '../signatures/SignatureIcon.js';
import { SignatureTab } from '../signatures/SignatureTab.js';
import { verdictCue } from '../../model/common/signature-verdict.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import './DeliveryDetail.css';

type DetailTab = 'overview' | 'signature' | 'headers' | 'body' | 'response';

function SignatureNote({ verdict }: { verdict: NonNullable<DeliveryRecord['signature']>['verdict'] }) {
  const cue = verdictCue(verdict);
  return (
    <span className={`delivery-detail__verdict-note signature-badge--${verdict}`}>
      <SignatureIcon shape={cue.shape} size={12} />
      {cue.short}
    </span>
  );
}

function tabLabels(record: DeliveryRecord): [DetailTab, string, ReactNode?][] {
  return [
    ['overview', 'Overview'],
    // Only InboundFlow deliveries carry a signature verdict.
    ...(record.signature
      ? [['signature', 'Signature', <SignatureNote verdict={record.signature.verdict} />] as [DetailTab, string, ReactNode]]
      : []),
    ['headers', 'Headers', String(record.headers.length)],
    ['body', 'Body', formatByteSize(record.body.size)],
    ['response', 'Response', record.response ? String(record.response.status) : '—'],
  ];
}

/** The open delivery: a header with its facts and actions, then the tabs. The chosen tab stays while moving through the list. */
export function DeliveryDetail({ id, onDeleted }: { id: string | null; onDeleted: () => void }) {
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
  // The Signature tab stays chosen while moving through the list, and shows Overview for deliveries without one.
  const shown: DetailTab = tab === 'signature' && !record.signature ? 'overview' : tab;
  return (
    <article className="delivery-detail" data-testid="delivery-detail" data-delivery-id={record.id}>
      <DeliveryHeader record={record} onDeleted={onDeleted} />
      <div className="delivery-detail__tabs" role="tablist" aria-label="Delivery parts">
        {tabLabels(record).map(([key, label, note]) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={shown === key}
            className={`delivery-detail__tab ${shown === key ? 'delivery-detail__tab--active' : ''}`}
            onClick={() => setTab(key)}
          >
            {label}
            {note && (typeof note === 'string' ? <span className="delivery-detail__tab-note">{note}</span> : note)}
          </button>
        ))}
      </div>
      {/* Focusable, so the keyboard can scroll a long panel. */}
      <div className="delivery-detail__panel" role="tabpanel" tabIndex={0} data-tab={shown}>
        {shown === 'overview' && <OverviewTab record={record} />}
        {shown === 'signature' && <SignatureTab key={record.id} record={record} />}
        {shown === 'headers' && <HeadersTab headers={record.headers} />}
        {shown === 'body' && <BodyTab key={record.id} record={record} />}
        {shown === 'response' && <ResponseTab key={record.id} record={record} />}
      </div>
    </article>
  );
}
