import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { useNavigation } from '../../model/common/navigation-context.js';
import { formatRelativeTime } from '../../model/common/relative-time.js';
import { useNow } from '../../model/common/use-now.js';
import { useReplaysOf } from '../../model/delivery/use-replays-of.js';
import { SlowAnswerBadge } from '../common/SlowAnswerBadge.js';
import { StatusBadge } from '../common/StatusBadge.js';
import './ReplayHistory.css';

/** Every replay of this delivery (each an outgoing delivery of its own), newest first, so they are read together. */
export function ReplayHistory({ record }: { record: DeliveryRecord }) {
  const { state } = useReplaysOf(record);
  const { openDelivery } = useNavigation();
  const now = useNow();
  const replays = state.status === 'ready' ? state.replays : [];
  return (
    <section
      className="replay-history"
      aria-label="Replays"
      data-testid="replay-history"
      data-count={state.status === 'ready' ? replays.length : undefined}
    >
      <h3 className="detail-section-title">Replays{state.status === 'ready' && replays.length > 0 ? ` (${replays.length})` : ''}</h3>
      {state.status === 'error' && <p className="error-text">{state.message}</p>}
      {state.status === 'ready' && replays.length === 0 && (
        <p className="muted replay-history__none">Not replayed yet. Replay sends it again, exactly or re-signed, to your handler.</p>
      )}
      {replays.length > 0 && (
        <ul className="replay-history__list">
          {replays.map((replay) => (
            <li key={replay.id}>
              <button
                type="button"
                className="replay-history__row"
                onClick={() => openDelivery(replay.id)}
                data-testid="replay-row"
                data-delivery-id={replay.id}
              >
                <StatusBadge status={replay.response?.status ?? replay.response_status} />
                <span className="replay-history__mode">
                  {replay.answer?.mode === 'resign' ? 'Re-signed' : 'Exact'}
                  {replay.answer?.edited ? ', edited' : ''}
                </span>
                <span className="replay-history__url mono" title={replay.url ?? undefined}>
                  {replay.url ?? replay.path}
                </span>
                {replay.answer?.error && <span className="replay-history__error">{replay.answer.error.code}</span>}
                {replay.answer?.duration_ms !== undefined && (
                  <span className="replay-history__ms">{replay.answer.duration_ms.toLocaleString()} ms</span>
                )}
                {replay.answer?.duration_ms !== undefined && <SlowAnswerBadge ms={replay.answer.duration_ms} />}
                <time dateTime={replay.received_at} title={replay.received_at}>
                  {formatRelativeTime(replay.received_at, now)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
