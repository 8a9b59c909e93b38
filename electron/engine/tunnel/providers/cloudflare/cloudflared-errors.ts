import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { tunnelError } from '../../provider.js';
import type { ChildExit } from '../../child-process-guard.js';
import { parseLogLine } from './cloudflared-log-line.js';

/** How to get cloudflared on this OS, in one line, with the other ways Hookbench can find it. */
export function cloudflaredInstallFix(platform: NodeJS.Platform = process.platform): string {
  const install =
    platform === 'darwin'
      ? 'Install it with `brew install cloudflared`'
      : platform === 'win32'
        ? 'Install it with `winget install --id Cloudflare.cloudflared`'
        : "Install it from Cloudflare's .deb or .rpm package or the cloudflared binary on github.com/cloudflare/cloudflared/releases";
  return `${install}, or use Download cloudflared in the tunnel panel, or point Hookbench at an existing one with --cloudflared PATH, HOOKBENCH_CLOUDFLARED or the cloudflared setting.`;
}

export function cloudflaredNotFound(dataDirBin: string, platform: NodeJS.Platform = process.platform): TunnelError {
  return tunnelError('cloudflared_not_found', `cloudflared was not found on PATH nor in ${dataDirBin}.`, cloudflaredInstallFix(platform));
}

const REACH_CLOUDFLARE =
  "Check that this machine can reach api.trycloudflare.com and Cloudflare's edge (outbound TCP 443, UDP and TCP 7844; proxy or firewall)";

export function urlTimeout(timeoutMs: number): TunnelError {
  return tunnelError(
    'url_timeout',
    `cloudflared printed no quick tunnel URL within ${Math.round(timeoutMs / 1000)} s.`,
    `${REACH_CLOUDFLARE}, then connect again.`,
  );
}

export function edgeNotReached(url: string, timeoutMs: number): TunnelError {
  return tunnelError(
    'cloudflared_not_connected',
    `cloudflared got ${url} but registered no connection to Cloudflare's edge within ${Math.round(timeoutMs / 1000)} s.`,
    `${REACH_CLOUDFLARE}, then connect again.`,
  );
}

export function quickTunnelRefused(detail: string, rateLimited: boolean): TunnelError {
  return rateLimited
    ? tunnelError(
        'quick_tunnel_rate_limited',
        `Cloudflare is rate-limiting quick tunnels from this address: ${detail}`,
        'Wait a few minutes, then connect again; quick tunnels are meant for testing, not for many restarts.',
      )
    : tunnelError(
        'quick_tunnel_refused',
        `cloudflared could not get a quick tunnel from trycloudflare.com: ${detail}`,
        `${REACH_CLOUDFLARE}, then connect again.`,
      );
}

export function connectionLost(detail: string | null): TunnelError {
  return tunnelError(
    'cloudflared_connection_lost',
    `cloudflared lost its connection to Cloudflare's edge${detail ? `: ${detail}` : '.'}`,
    'cloudflared is reconnecting by itself; if it lasts, check the network.',
  );
}

export function connectionNotRegained(timeoutMs: number): TunnelError {
  return tunnelError(
    'cloudflared_connection_lost',
    `cloudflared did not reconnect to Cloudflare's edge within ${Math.round(timeoutMs / 1000)} s; starting a new quick tunnel (its URL will differ).`,
    'Update the webhook at the sender once the new URL is online.',
  );
}

/** Why a cloudflared process ended, from its exit and the last lines it printed. */
export function processEnded(exit: ChildExit, recentLines: readonly string[], command: string): TunnelError {
  const detail = mostTelling(recentLines);
  // 126/127 are the guard's "cannot execute" / "not found" when the exec itself failed.
  if (
    exit.spawnError ||
    ((exit.code === 126 || exit.code === 127) && /not found|permission denied|exec format|cannot execute/i.test(detail ?? ''))
  ) {
    return tunnelError(
      'cloudflared_start_failed',
      `cloudflared could not be started: ${exit.spawnError ?? detail}`,
      'Check that the cloudflared Hookbench runs is a cloudflared executable for this system.',
    );
  }
  const how = exit.code !== null ? `with code ${exit.code}` : `on signal ${exit.signal ?? 'unknown'}`;
  return tunnelError(
    'cloudflared_exited',
    `cloudflared exited ${how}${detail ? `: ${detail}` : '.'}`,
    `Run \`${command}\` in a terminal to see its full output.`,
  );
}

/** The line that best says what went wrong: the last error-looking line, else the last line; at most 300 characters. */
export function mostTelling(lines: readonly string[]): string | null {
  const parsed = lines.filter((line) => line.trim() !== '').map((line) => ({ line, parsed: parseLogLine(line) }));
  const telling =
    [...parsed].reverse().find(({ parsed }) => parsed.level === 'ERR' || parsed.level === 'FTL' || parsed.level === null) ??
    parsed[parsed.length - 1];
  if (!telling) return null;
  const { message, fields } = telling.parsed;
  const text = fields.error ? `${message ? `${message}: ` : ''}${fields.error}` : message || telling.line.trim();
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}
