import type { TunnelProviderName, TunnelStatus, TunnelUrlChange } from '../../../../shared/api/tunnel-routes.js';
import { formatRelativeTime } from '../common/relative-time.js';
import { providerInfo } from './tunnel-providers.js';

/** offline: grey; busy: blue (starting, checking); online: green; warning: amber (degraded, reconnecting); danger: red (failed). */
export type TunnelTone = 'offline' | 'busy' | 'online' | 'warning' | 'danger';

/** What the pill says: a tone (colour), a word, and the detail a screen reader and the tooltip get. */
export interface TunnelPillView {
  tone: TunnelTone;
  label: string;
  detail: string;
}

/** Green means proven: the provider is connected and the last probe through the public URL came back. */
export function isProvenOnline(status: TunnelStatus | null): boolean {
  return status?.status === 'online' && status.probe?.ok === true;
}

export function tunnelTone(status: TunnelStatus | null): TunnelTone {
  if (!status) return 'offline';
  switch (status.status) {
    case 'offline':
      return 'offline';
    case 'starting':
      // A retry after failed attempts is still trouble, not a fresh start.
      return isRetry(status) ? 'warning' : 'busy';
    case 'online':
      // An "online" without a passed probe is not trusted: a failed one is a warning, none yet is still being checked.
      if (isProvenOnline(status)) return 'online';
      return status.probe ? 'warning' : 'busy';
    case 'degraded':
    case 'reconnecting':
      return 'warning';
    case 'failed':
      return 'danger';
  }
}

/** An attempt under way after failed ones: the engine reports it as starting, the user reads it as retrying. */
export function isRetry(status: TunnelStatus): boolean {
  return status.status === 'starting' && status.attempt > 0;
}

/** "in 1.2s", "in 25s", "in 3m", or "now" once the time has passed. */
export function formatRetryIn(nextAttemptAt: string | null, now: number): string | null {
  if (!nextAttemptAt) return null;
  const ms = Date.parse(nextAttemptAt) - now;
  if (Number.isNaN(ms)) return null;
  if (ms <= 0) return 'now';
  if (ms < 10_000) return `in ${(Math.ceil(ms / 100) / 10).toFixed(1)}s`;
  if (ms < 120_000) return `in ${Math.ceil(ms / 1000)}s`;
  return `in ${Math.ceil(ms / 60_000)}m`;
}

function providerShort(status: TunnelStatus): string {
  return status.provider ? providerInfo(status.provider).short : 'Tunnel';
}

function providerTitle(status: TunnelStatus): string {
  return status.provider ? providerInfo(status.provider).title : 'the tunnel';
}

export function tunnelPillView(status: TunnelStatus | null, now: number): TunnelPillView {
  if (!status) return { tone: 'offline', label: 'Tunnel…', detail: 'Reading the tunnel status' };
  const tone = tunnelTone(status);
  const short = providerShort(status);
  const title = providerTitle(status);
  const why = status.error ? `: ${status.error.message}` : '';
  switch (status.status) {
    case 'offline':
      return { tone, label: 'No public URL', detail: 'The tunnel is off. Click to get a public URL.' };
    case 'starting':
      if (isRetry(status)) return { tone, label: `${short} retrying…`, detail: `Trying ${title} again; attempt ${status.attempt + 1}` };
      return { tone, label: `${short} starting…`, detail: `Starting ${title}` };
    case 'online':
      if (tone === 'online') return { tone, label: `${short} online`, detail: `Public URL ${status.url ?? ''}, last probe passed`.trim() };
      if (tone === 'busy') return { tone, label: `${short} checking…`, detail: `${title} says connected; the first probe is on its way` };
      return {
        tone,
        label: `${short} degraded`,
        detail: `${title} says connected, but the last probe failed${status.probe?.error ? `: ${status.probe.error}` : ''}`,
      };
    case 'degraded':
      return { tone, label: `${short} degraded`, detail: `${title} says connected, but requests through the public URL fail${why}` };
    case 'reconnecting': {
      const retry = formatRetryIn(status.next_attempt_at, now);
      return {
        tone,
        label: retry ? `${short} retrying ${retry}` : `${short} reconnecting…`,
        detail: `Reconnecting ${title}${why}; attempt ${status.attempt + 1}${retry ? `, next ${retry}` : ''}`,
      };
    }
    case 'failed':
      return { tone, label: `${short} failed`, detail: `${title} stopped${why}${status.error?.fix ? ` Fix: ${status.error.fix}` : ''}` };
  }
}

/** "42 ms", "1.3 s": the probe's round trip as it reads beside the URL. */
export function formatRoundTrip(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(1)} s`;
}

export interface ProbeView {
  ok: boolean;
  /** Green only while the tunnel is online: a probe that passed before a loss says nothing about now. */
  tone: TunnelTone;
  /** "42 ms" or "failed". */
  result: string;
  /** "12s ago". */
  when: string;
  error: string | null;
}

export function probeView(status: TunnelStatus, now: number): ProbeView | null {
  const probe = status.probe;
  if (!probe) return null;
  return {
    ok: probe.ok,
    tone: !probe.ok ? 'warning' : status.status === 'online' ? 'online' : 'offline',
    result: probe.ok ? (probe.rtt_ms === null ? 'passed' : formatRoundTrip(probe.rtt_ms)) : 'failed',
    when: formatRelativeTime(probe.at, now),
    error: probe.ok ? null : probe.error,
  };
}

/** Whether the public URL survives a restart, in the provider's terms. */
export function urlStabilityText(status: TunnelStatus): string {
  if (status.url_stable) return 'Stable: kept across restarts';
  switch (status.provider) {
    case 'cloudflare':
      return 'Changes on every start (quick tunnel)';
    case 'ngrok':
      return 'Changes on every start: set a static domain to keep it';
    case 'localtunnel':
      return 'May change on restart: the subdomain is asked for again, not reserved';
    default:
      return 'Changes on every start';
  }
}

/** The public URL is worth showing while it is up or held (degraded, reconnecting); not once off or failed. */
export function shownPublicUrl(status: TunnelStatus | null): string | null {
  if (!status?.url) return null;
  return status.status === 'online' || status.status === 'degraded' || status.status === 'reconnecting' ? status.url : null;
}

/** The later of two URL changes (the status's own and the live event's). */
export function latestUrlChange(a: TunnelUrlChange | null, b: TunnelUrlChange | null): TunnelUrlChange | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.at) > Date.parse(a.at) ? b : a;
}

/**
 * The change the banner must show: the latest one, unless dismissed, and only while its new URL is still the
 * public URL (a tunnel that went off or changed again makes it moot).
 */
export function urlChangeToShow(
  status: TunnelStatus | null,
  change: TunnelUrlChange | null,
  dismissedAt: string | null,
): TunnelUrlChange | null {
  if (!change || change.at === dismissedAt) return null;
  if (!status?.url || status.status === 'offline' || status.status === 'failed') return null;
  return sameUrl(status.url, change.to) ? change : null;
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** Statuses from an answer and the feed may cross: a newer state wins, and within a state the newer probe. */
export function isNewerStatus(previous: TunnelStatus | null, next: TunnelStatus): boolean {
  if (!previous) return true;
  const since = Date.parse(next.since) - Date.parse(previous.since);
  if (since !== 0) return since > 0;
  const probeAt = (status: TunnelStatus) => (status.probe ? Date.parse(status.probe.at) : -Infinity);
  return probeAt(next) >= probeAt(previous);
}

/** Whether inboxes must be read again: their `urls.tunnel` follow the tunnel's public URL. */
export function tunnelUrlChanged(previous: TunnelStatus | null, next: TunnelStatus): boolean {
  return (previous?.url ?? null) !== next.url || (previous?.host_url ?? null) !== next.host_url;
}

/** The state in one word, for the status card's heading. */
export function tunnelStateWord(status: TunnelStatus): string {
  switch (status.status) {
    case 'online':
      return isProvenOnline(status) ? 'Online' : status.probe ? 'Degraded' : 'Checking';
    case 'offline':
      return 'Off';
    case 'starting':
      return isRetry(status) ? 'Retrying' : 'Starting';
    case 'degraded':
      return 'Degraded';
    case 'reconnecting':
      return 'Reconnecting';
    case 'failed':
      return 'Failed';
  }
}

/** The sentence under the status card's heading: what is going on and, when something can be done, the fix. */
export interface TunnelStatusNote {
  tone: TunnelTone;
  text: string;
  fix: string | null;
}

export function tunnelStatusNote(status: TunnelStatus, now: number): TunnelStatusNote | null {
  const title = providerTitle(status);
  const fix = status.error?.fix ?? null;
  const tone = tunnelTone(status);
  switch (status.status) {
    case 'offline':
      return null;
    case 'starting':
      if (isRetry(status)) return { tone, text: `Trying again: attempt ${status.attempt + 1}…`, fix: null };
      return { tone, text: `Waiting for ${title} to give a public URL…`, fix: null };
    case 'online':
      if (isProvenOnline(status)) return null;
      if (!status.probe) return { tone, text: `${title} says connected; the first probe through the public URL is on its way.`, fix: null };
      return { tone, text: `${title} says connected, but the last probe failed: ${status.probe.error ?? 'no answer'}.`, fix: null };
    case 'degraded':
      return {
        tone,
        text: `${title} says connected, but requests through the public URL fail${status.error ? `: ${status.error.message}` : '.'}`,
        fix,
      };
    case 'reconnecting': {
      const retry = formatRetryIn(status.next_attempt_at, now);
      // Without a URL it never got through; with one, it had and lost it.
      const lead = status.url ? 'Connection lost' : 'Could not connect';
      const lost = status.error ? `${lead}: ${status.error.message}` : `${lead}.`;
      return { tone, text: `${lost} Attempt ${status.attempt + 1}${retry ? `, next try ${retry}` : ''}.`, fix };
    }
    case 'failed':
      return { tone, text: status.error?.message ?? `${title} stopped.`, fix };
  }
}

/** The error code the cloudflare provider reports when no cloudflared executable is found. */
export const CLOUDFLARED_NOT_FOUND = 'cloudflared_not_found';

/** Whether the tunnel failed for want of cloudflared: the status card then offers the download beside the install line. */
export function failedForCloudflared(status: TunnelStatus | null): boolean {
  return status?.status === 'failed' && status.error?.code === CLOUDFLARED_NOT_FOUND;
}

/** The connect button's words for the picked provider, given what runs now. */
export function connectLabel(picked: TunnelProviderName, status: TunnelStatus | null, connecting: boolean): string {
  const short = providerInfo(picked).short;
  if (connecting) return `Connecting ${short}…`;
  if (!status || status.status === 'offline' || !status.provider) return `Connect ${short}`;
  if (status.provider === picked) return status.status === 'failed' ? `Try ${short} again` : `Reconnect ${short}`;
  return `Switch to ${short}`;
}
