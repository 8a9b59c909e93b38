import type { DeliveryRecord, DeliverySummary } from '../../../../shared/api/deliveries.js';
import type { ListQueryParams } from '../deliveries/delivery-filters.js';

/** How many of a delivery's replays the history shows (newest first); each is opened for its answer. */
export const REPLAY_HISTORY_LIMIT = 25;

/** The list query for a delivery's replays: the engine's `replay_of` filter, newest first. */
export function replaysOfQuery(record: Pick<DeliveryRecord, 'id'>): ListQueryParams & { limit: string } {
  return { replay_of: record.id, limit: String(REPLAY_HISTORY_LIMIT) };
}

/**
 * Whether a live row could be a new replay of `record`, so its replays should be read again. Live
 * summaries do not carry `replay_of`, so this is a cheap pre-check: a replay keeps its original's
 * inbox (incoming originals), event and delivery id, and is newer.
 */
export function mayBeReplayOf(
  record: Pick<DeliveryRecord, 'id' | 'inbox_id' | 'event' | 'delivery_id' | 'received_at'>,
  row: DeliverySummary,
): boolean {
  return (
    row.via === 'replay' &&
    row.id !== record.id &&
    row.inbox_id === record.inbox_id &&
    row.event === record.event &&
    row.delivery_id === record.delivery_id &&
    row.received_at >= record.received_at
  );
}
