import type { Integration } from '../../../../shared/api/integrations.js';
import type { SentEntry } from '../../model/integrations/event-composer-store.js';
import { formatRelativeTime } from '../../model/common/relative-time.js';
import { useNow } from '../../model/common/use-now.js';
import { DispatchBadge } from '../common/DispatchBadge.js';
import { StatusBadge } from '../common/StatusBadge.js';
import './SentLog.css';

interface SentLogProps {
  entries: readonly SentEntry[];
  integrations: readonly Integration[];
  onShowDeliveries: (integrationId: string, deliveryId?: string) => void;
}

/** What the composer sent, newest first; each delivery's state follows the live feed and opens in Deliveries. */
export function SentLog({ entries, integrations, onShowDeliveries }: SentLogProps) {
  const now = useNow();
  if (entries.length === 0) return null;
  const names = new Map(integrations.map((integration) => [integration.id, integration.name]));
  return (
    <section className="sent-log" aria-label="Sent" data-testid="sent-log">
      <h3 className="detail-section-title">Sent</h3>
      <ol>
        {entries.map((entry) => (
          <li key={entry.key} className="sent-log__entry" data-testid="sent-entry">
            <div className="sent-log__title">
              <span>{entry.title}</span>
              <time dateTime={entry.at} className="muted">
                {formatRelativeTime(entry.at, now)}
              </time>
            </div>
            {entry.deliveries.length === 0 && <p className="muted sent-log__none">No integration received it (none subscribed).</p>}
            <ul>
              {entry.deliveries.map((delivery) => (
                <li
                  key={delivery.id}
                  className="sent-log__delivery"
                  data-testid="sent-delivery"
                  data-delivery-id={delivery.id}
                  data-state={delivery.state}
                >
                  <DispatchBadge state={delivery.state} errorClass={delivery.errorClass} skippedReason={delivery.skippedReason} />
                  {delivery.status !== null && <StatusBadge status={delivery.status} />}
                  <span className="sent-log__name">
                    {(delivery.integrationId && names.get(delivery.integrationId)) ?? 'deleted integration'}
                  </span>
                  <code className="sent-log__event">{delivery.event}</code>
                  {delivery.integrationId && (
                    <button
                      type="button"
                      className="button button--small button--ghost sent-log__open"
                      onClick={() => onShowDeliveries(delivery.integrationId!, delivery.id)}
                    >
                      Open →
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
