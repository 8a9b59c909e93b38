import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';

/** The banner's tunnel line, or null when no tunnel is on. */
export function tunnelBannerLine(status: TunnelStatus): string | null {
  if (status.status === 'offline') return null;
  return `  Tunnel     ${status.status} via ${status.relay}${status.url ? `   ${status.url}/` : ''}`;
}

/**
 * One line per tunnel change, for people and for scripts that wait on it:
 * `tunnel online https://relay/t/<id>/`, `tunnel reconnecting in 1.2s (code: message)`, `tunnel offline`.
 */
export function tunnelStatusLine(status: TunnelStatus, now = Date.now()): string | null {
  switch (status.status) {
    case 'online':
      return `tunnel online ${status.url}/${status.host_url ? `   ${status.host_url}/` : ''}`;
    case 'reconnecting': {
      if (!status.next_attempt_at) return null;
      const seconds = Math.max(0, (Date.parse(status.next_attempt_at) - now) / 1000).toFixed(1);
      const why = status.error ? ` (${status.error.code}: ${status.error.message})` : '';
      return `tunnel reconnecting in ${seconds}s${why}`;
    }
    case 'offline':
      return 'tunnel offline';
    case 'connecting':
      return null;
  }
}

export function printTunnelStatus(status: TunnelStatus, write: (line: string) => void): void {
  const line = tunnelStatusLine(status);
  if (line) write(line);
}
