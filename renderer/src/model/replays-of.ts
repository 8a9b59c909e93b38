import type { DeliveryRecord, DeliverySummary } from '../../../shared/api/deliveries.js';
import type { ListQueryParams } from './delivery-filters.js';

/** How many recent outgoing rows are scanned for replays, and how many candidates are opened to check. */
export const REPLAY_SCAN_ROWS = 200;
export const REPLAY_LOOKUPS = 25;

/**
 * The list has no `replay_of` filter yet, so replays are found among recent outgoing rows: a replay
 * keeps its original's inbox (incoming originals), event and delivery id.
 */
export function replayScanQuery(record: Pick<DeliveryRecord, 'inbox_id'>): ListQueryParams & { limit: string } {
  return { direction: 'out', ...(record.inbox_id ? { inbox: record.inbox_id } : {}), limit: String(REPLAY_SCAN_ROWS) };
}

/** Rows that may be replays of `record`, newest first; only their full records say for sure (`replay_of`). */
export function replayCandidates(record: Pick<DeliveryRecord, 'id' | 'inbox_id' | 'event' | 'delivery_id' | 'received_at'>, rows: DeliverySummary[]): DeliverySummary[] {
  return rows
    .filter(
      (row) =>
        row.via === 'replay' &&
        row.id !== record.id &&
        row.inbox_id === record.inbox_id &&
        row.event === record.event &&
        row.delivery_id === record.delivery_id &&
        row.received_at >= record.received_at,
    )
    .slice(0, REPLAY_LOOKUPS);
}

/** Whether a live row could be a new replay of `record`, so the list of its replays should be read again. */
export function mayBeReplayOf(record: Pick<DeliveryRecord, 'id' | 'inbox_id' | 'event' | 'delivery_id' | 'received_at'>, row: DeliverySummary): boolean {
  return replayCandidates(record, [row]).length === 1;
}
