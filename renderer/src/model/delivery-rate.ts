import type { DeliverySummary } from '../../../shared/api/deliveries.js';
import { STATUS_CLASSES, statusClassOf, type StatusClass } from './status-class.js';

export interface RateBucket {
  /** Start of the minute, ms since the epoch. */
  start: number;
  counts: Record<StatusClass, number>;
  total: number;
}

export interface DeliveryRate {
  buckets: RateBucket[];
  /** The busiest minute's total (at least 1, for scaling). */
  peak: number;
  /** Deliveries inside the window. */
  counted: number;
}

const MINUTE = 60_000;

const emptyCounts = (): Record<StatusClass, number> => Object.fromEntries(STATUS_CLASSES.map((cls) => [cls, 0])) as Record<StatusClass, number>;

/**
 * Deliveries per minute over the last `minutes` minutes (the current one last), stacked by status
 * class. `rows` yields summaries newest first (the list order), so reading stops at the first row
 * older than the window: the cost is the rows inside it, not everything loaded.
 */
export function deliveryRate(rows: Iterable<DeliverySummary>, now: number, minutes = 30): DeliveryRate {
  const end = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  const start = end - minutes * MINUTE;
  const buckets: RateBucket[] = Array.from({ length: minutes }, (_, i) => ({ start: start + i * MINUTE, counts: emptyCounts(), total: 0 }));
  let counted = 0;
  let olderSeen = 0;
  for (const row of rows) {
    const at = Date.parse(row.received_at);
    if (!Number.isFinite(at)) continue;
    if (at < start) {
      // Newest first; a few out-of-order live rows are tolerated before stopping.
      olderSeen += 1;
      if (olderSeen > 50) break;
      continue;
    }
    if (at >= end) continue;
    const bucket = buckets[Math.floor((at - start) / MINUTE)];
    bucket.counts[statusClassOf(row.response_status)] += 1;
    bucket.total += 1;
    counted += 1;
  }
  const peak = Math.max(1, ...buckets.map((bucket) => bucket.total));
  return { buckets, peak, counted };
}
