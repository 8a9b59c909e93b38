import type { ReactNode } from 'react';
import type { RecordBody } from '../../../../shared/api/common.js';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import { formatExactTime } from '../../model/common/relative-time.js';
import { verdictCue } from '../../model/common/signature-verdict.js';
import { relayWaitView } from '../../model/tunnel/relay-queue-view.js';
import { senderAddressView, viaTunnelText } from '../../model/tunnel/tunnel-delivery.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import './DeliveryFacts.css';

const VIA_LABELS: Record<DeliveryRecord['via'], string> = {
  direct: 'Direct to the receiver',
  tunnel: 'Through the tunnel',
  dispatch: 'Sent by the dispatch engine',
  replay: 'Replay',
};

const BODY_KINDS: Record<RecordBody['encoding'], string> = {
  utf8: 'UTF-8 text',
  base64: 'binary',
  deferred: 'large: the Body tab loads it',
};

function Fact({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="delivery-facts__row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}

/** The raw facts of the request, as recorded. */
export function DeliveryFacts({ record }: { record: DeliveryRecord }) {
  const { inboxes, integrations } = useWorkbench();
  const inbox = inboxes.byId(record.inbox_id);
  const integration = integrations.byId(record.integration_id);
  const outgoing = record.direction === 'out';
  const sender = senderAddressView(record);
  const wait = relayWaitView(record);
  return (
    <section aria-label="Request facts">
      <h3 className="detail-section-title">Request</h3>
      <dl className="delivery-facts" data-testid="delivery-facts">
        <Fact label="Method" mono>
          {record.method}
        </Fact>
        <Fact label="Path" mono>
          {record.path}
        </Fact>
        {outgoing ? (
          <Fact label="Target URL" mono>
            {record.target_url ?? '—'}
          </Fact>
        ) : (
          <Fact label={sender.label}>
            <span className="mono" data-testid="sender-address">
              {sender.address}
            </span>
            {sender.reportedBy && (
              <span className="muted" data-testid="sender-address-source">
                {' '}
                {sender.reportedBy}
              </span>
            )}
          </Fact>
        )}
        <Fact label="TLS">{record.tls ? 'Yes (HTTPS)' : 'No (HTTP)'}</Fact>
        <Fact label="Via">
          <span data-testid="delivery-via" data-provider={record.tunnel_provider ?? ''}>
            {record.via === 'tunnel' ? viaTunnelText(record) : (VIA_LABELS[record.via] ?? record.via)}
          </span>
        </Fact>
        <Fact label={outgoing ? 'Created' : 'Received'}>
          {formatExactTime(record.received_at)} <span className="muted mono">({record.received_at})</span>
        </Fact>
        {wait && (
          <Fact label="Queued">
            <span data-testid="delivery-queued">
              Waited on the relay{wait.waited ? ` ${wait.waited}` : ''} while you were away; it reached Hookbench at{' '}
              {wait.drainedAt ? formatExactTime(wait.drainedAt) : '—'}. The relay answered the sender itself.
            </span>
          </Fact>
        )}
        {inbox && <Fact label="Inbox">{`${inbox.name} (/i/${inbox.slug})`}</Fact>}
        {outgoing && (
          <Fact label="Integration">
            {integration ? `${integration.name} (${integration.kind})` : (record.integration_id ?? 'deleted')}
          </Fact>
        )}
        <Fact label="Content type" mono>
          {record.content_type ?? '—'}
        </Fact>
        <Fact label="Body size">{`${formatByteSize(record.body.size)} (${record.body.size.toLocaleString()} bytes, ${BODY_KINDS[record.body.encoding]})`}</Fact>
        {record.json !== null && <Fact label="JSON">{record.json === 'valid' ? 'Well-formed' : 'Malformed — stored exactly as sent'}</Fact>}
        {record.signature && (
          <Fact label="Signature">
            <span className={`delivery-facts__verdict delivery-facts__verdict--${record.signature.verdict}`}>
              {verdictCue(record.signature.verdict).label}
            </span>
            {record.signature.reason && <span className="muted"> — {record.signature.reason}</span>}
          </Fact>
        )}
        {record.delivery_id && (
          <Fact label="Delivery id" mono>
            {record.delivery_id}
          </Fact>
        )}
        <Fact label="Hookbench id" mono>
          {record.id}
        </Fact>
      </dl>
    </section>
  );
}
