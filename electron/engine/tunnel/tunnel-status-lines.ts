import type { RelayQueueCounts, TunnelError, TunnelStatus } from '../../../shared/api/tunnel-routes.js';

/** The banner's tunnel line, or null when no tunnel is on. */
export function tunnelBannerLine(status: TunnelStatus): string | null {
  if (status.status === 'offline') return null;
  const where = status.provider === 'relay' && status.relay ? `relay ${status.relay}` : (status.provider ?? 'tunnel');
  return `  Tunnel     ${status.status} via ${where}${status.url ? `   ${status.url}/` : ''}`;
}

function reason(error: TunnelError | null, withFix: boolean): string {
  if (!error) return '';
  const fix = withFix && error.fix ? ` — ${error.fix}` : '';
  return ` (${error.code}: ${error.message}${fix})`;
}

/**
 * One line per tunnel change, the same for every provider, for people and for scripts that wait on it:
 * `tunnel online https://…/ (cloudflare, probe 42 ms)`, `tunnel degraded https://…/ (probe_failed: …)`,
 * `tunnel reconnecting in 1.2s (code: message)`, `tunnel failed (code: message — fix)`, `tunnel offline`.
 */
export function tunnelStatusLine(status: TunnelStatus, now = Date.now()): string | null {
  switch (status.status) {
    case 'online': {
      const probe = status.probe?.ok && status.probe.rtt_ms !== null ? `, probe ${Math.round(status.probe.rtt_ms)} ms` : '';
      const host = status.host_url ? `   ${status.host_url}/` : '';
      return `tunnel online ${status.url}/${host} (${status.provider ?? 'tunnel'}${probe})`;
    }
    case 'degraded':
      return `tunnel degraded ${status.url}/${reason(status.error, true)}`;
    case 'reconnecting': {
      if (!status.next_attempt_at) return null;
      const seconds = Math.max(0, (Date.parse(status.next_attempt_at) - now) / 1000).toFixed(1);
      return `tunnel reconnecting in ${seconds}s${reason(status.error, false)}`;
    }
    case 'failed':
      return `tunnel failed${reason(status.error, true)}`;
    case 'offline':
      return 'tunnel offline';
    case 'starting':
      return null;
  }
}

/** A line for any status, `starting` and an attempt under way included: what `hookbench tunnel status` prints. */
export function tunnelStatusSummary(status: TunnelStatus, now = Date.now()): string {
  const line = tunnelStatusLine(status, now);
  if (line) return line;
  if (status.status === 'reconnecting') return `tunnel reconnecting now${reason(status.error, false)}`;
  return `tunnel starting${status.provider ? ` (${status.provider})` : ''}${status.url ? ` ${status.url}/` : ''}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Once a relay's queue has been drained (nothing left waiting): what waited while the app was away,
 * and what the relay dropped: `tunnel: 12 deliveries waited on the relay while you were away (2 dropped there: too old)`.
 */
export function relayQueueLine(counts: RelayQueueCounts | null | undefined): string | null {
  if (!counts || counts.waiting > 0) return null;
  const lost = [
    counts.dropped_expired > 0
      ? `${plural(counts.dropped_expired, 'request', 'requests')} dropped there: older than its --queue-max-age`
      : null,
    counts.refused_full > 0 ? `${plural(counts.refused_full, 'sender', 'senders')} refused with 507: queue full` : null,
  ].filter(Boolean);
  if (counts.drained === 0 && lost.length === 0) return null;
  return `tunnel: ${plural(counts.drained, 'delivery', 'deliveries')} waited on the relay while you were away${lost.length ? ` (${lost.join('; ')})` : ''}`;
}

/**
 * Prints a status line when it says something new: a probe that only changed its round trip is not
 * news. A relay queue's summary gets its own line once a drain is over.
 */
export function createTunnelStatusPrinter(write: (line: string) => void): (status: TunnelStatus) => void {
  let last: string | null = null;
  let lastQueue: string | null = null;
  return (status) => {
    const queue = relayQueueLine(status.relay_queue);
    if (queue && queue !== lastQueue) write(queue);
    if (queue) lastQueue = queue;
    const line = tunnelStatusLine(status);
    if (!line) return;
    const key = line.replace(/, probe \d+ ms\)$/, ')');
    if (key === last) return;
    last = key;
    write(line);
  };
}
