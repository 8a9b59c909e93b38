import type { DeliverySummary } from '../../../../shared/api/deliveries.js';
import type { RelayQueueCounts } from '../../../../shared/api/tunnel-routes.js';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * What the relay's queue did for this tunnel since it connected, one sentence each, in the order a
 * user cares: what is still coming, what arrived, what was lost. Empty when there is nothing to say.
 */
export function relayQueueLines(counts: RelayQueueCounts | null | undefined): Array<{ tone: 'info' | 'warn'; text: string }> {
  if (!counts) return [];
  const lines: Array<{ tone: 'info' | 'warn'; text: string }> = [];
  if (counts.waiting > 0)
    lines.push({ tone: 'info', text: `${count(counts.waiting, 'delivery is', 'deliveries are')} still coming from the relay’s queue…` });
  if (counts.drained > 0) {
    lines.push({ tone: 'info', text: `${count(counts.drained, 'delivery', 'deliveries')} waited on the relay while you were away.` });
  }
  if (counts.dropped_expired > 0) {
    lines.push({
      tone: 'warn',
      text: `${count(counts.dropped_expired, 'request was', 'requests were')} dropped on the relay: older than its --queue-max-age.`,
    });
  }
  if (counts.refused_full > 0) {
    lines.push({
      tone: 'warn',
      text: `${count(counts.refused_full, 'sender was', 'senders were')} refused with 507 while the relay’s queue was full.`,
    });
  }
  return lines;
}

/** "2h 5m", "3m 12s", "4s": how long a queued delivery waited on the relay. */
export function waitedText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** For a delivery the relay queued: when it took it, when it arrived here and how long that was; null otherwise. */
export function relayWaitView(
  summary: Pick<DeliverySummary, 'queued_at' | 'drained_at'>,
): { queuedAt: string; drainedAt: string | null; waited: string | null } | null {
  if (!summary.queued_at) return null;
  const waited = summary.drained_at ? waitedText(Date.parse(summary.drained_at) - Date.parse(summary.queued_at)) : null;
  return { queuedAt: summary.queued_at, drainedAt: summary.drained_at ?? null, waited };
}
