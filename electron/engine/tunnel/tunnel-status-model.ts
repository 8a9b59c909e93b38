import type { RelayQueueCounts, TunnelError, TunnelProbe, TunnelProviderName, TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import type { ProviderReport } from './provider.js';
import type { RelayQueueEvent } from './connection-contract.js';

/**
 * The one tunnel status, derived from what the provider says and what the probe proves. Rules:
 * a provider that says online is only `starting` until a probe through its URL passes (`online`);
 * once the first probes are done, a failing probe makes it `degraded` (URL kept); it is never
 * `online` without a passing probe.
 */
export interface TunnelModel {
  status: TunnelStatus;
  /** The provider's own word: it has a public URL and thinks it is up. Probes only count while it does. */
  providerOnline: boolean;
}

export type TunnelModelEvent =
  /** A provider was chosen and is starting. The relay fields show where it connects; url_change starts afresh. */
  | { type: 'start'; provider: TunnelProviderName; relay: string | null; tunnelId: string | null }
  /** `lastUrl`: the URL this provider had last time (persisted), to notice a change. */
  | { type: 'report'; report: ProviderReport; lastUrl: string | null }
  /** `settling`: still within the quick retries after the provider came online; a failure then is not yet degraded. */
  | { type: 'probe'; probe: TunnelProbe; settling: boolean }
  /** The relay's queue said something or brought a request (counts add up until the next start). */
  | { type: 'relay_queue'; event: RelayQueueEvent }
  | { type: 'stop' };

const iso = (ms: number) => new Date(ms).toISOString();

/** What to do when the provider says up but requests do not come through, per provider. */
const PROBE_FIX: Record<TunnelProviderName, string> = {
  relay: 'Check that the relay forwards requests (its log, its proxy), or disconnect and connect again.',
  cloudflare: 'Quick tunnels have no uptime promise: disconnect and connect again for a new URL if it lasts.',
  ngrok: 'Check the endpoint in the ngrok dashboard, or disconnect and connect again.',
  localtunnel: 'The localtunnel server may be overloaded: disconnect and connect again, or use another server.',
};

export function probeFailedError(provider: TunnelProviderName | null, probe: TunnelProbe): TunnelError {
  return {
    code: 'probe_failed',
    message: `The public URL does not answer Hookbench's probe (${probe.error ?? 'no answer'}).`,
    fix: provider ? PROBE_FIX[provider] : null,
  };
}

export function offlineModel(
  provider: TunnelProviderName | null,
  now: number,
  relay: string | null = null,
  tunnelId: string | null = null,
): TunnelModel {
  return {
    providerOnline: false,
    status: {
      provider,
      status: 'offline',
      url: null,
      url_stable: false,
      since: iso(now),
      attempt: 0,
      next_attempt_at: null,
      error: null,
      probe: null,
      url_change: null,
      host_url: null,
      relay,
      tunnel_id: tunnelId,
      relay_queue: null,
    },
  };
}

const NO_QUEUE: RelayQueueCounts = { waiting: 0, drained: 0, duplicates: 0, dropped_expired: 0, refused_full: 0, last_drained_at: null };

/** The queue counts after one event from the relay. */
export function nextRelayQueue(counts: RelayQueueCounts | null | undefined, event: RelayQueueEvent, now: number): RelayQueueCounts {
  const current = counts ?? NO_QUEUE;
  if (event.type === 'notice') {
    return {
      ...current,
      waiting: event.waiting,
      dropped_expired: current.dropped_expired + event.droppedExpired,
      refused_full: current.refused_full + event.refusedFull,
    };
  }
  return {
    ...current,
    waiting: Math.max(0, current.waiting - event.stored - event.duplicates),
    drained: current.drained + event.stored,
    duplicates: current.duplicates + event.duplicates,
    last_drained_at: event.stored > 0 ? iso(now) : current.last_drained_at,
  };
}

/** Applies one event; `since` moves only when the state itself changes. */
export function nextTunnelModel(model: TunnelModel, event: TunnelModelEvent, now: number): TunnelModel {
  const next = apply(model, event, now);
  if (next === model) return model;
  const since = next.status.status === model.status.status ? model.status.since : iso(now);
  return { ...next, status: { ...next.status, since } };
}

function apply(model: TunnelModel, event: TunnelModelEvent, now: number): TunnelModel {
  const current = model.status;
  switch (event.type) {
    case 'start':
      return {
        providerOnline: false,
        status: {
          ...offlineModel(event.provider, now, event.relay, event.tunnelId).status,
          status: 'starting',
        },
      };
    case 'stop':
      return offlineModel(current.provider, now, current.relay, current.tunnel_id);
    case 'relay_queue':
      return { ...model, status: { ...current, relay_queue: nextRelayQueue(current.relay_queue, event.event, now) } };
    case 'probe': {
      // A probe of a URL the provider no longer stands behind says nothing about the tunnel.
      if (!model.providerOnline) return model;
      const { probe } = event;
      if (probe.ok) return { ...model, status: { ...current, status: 'online', error: null, probe } };
      if (event.settling) return { ...model, status: { ...current, status: 'starting', probe } };
      return { ...model, status: { ...current, status: 'degraded', error: probeFailedError(current.provider, probe), probe } };
    }
    case 'report':
      return applyReport(model, event.report, event.lastUrl, now);
  }
}

function applyReport(model: TunnelModel, report: ProviderReport, lastUrl: string | null, now: number): TunnelModel {
  const current = model.status;
  switch (report.state) {
    case 'starting':
      return { providerOnline: false, status: { ...current, status: 'starting', error: null, next_attempt_at: null } };
    case 'online': {
      const changed = lastUrl !== null && lastUrl !== report.url;
      return {
        providerOnline: true,
        status: {
          ...current,
          // Not online yet: the probe proves it.
          status: 'starting',
          url: report.url,
          url_stable: report.urlStable,
          host_url: report.hostUrl ?? null,
          tunnel_id: report.tunnelId ?? current.tunnel_id,
          attempt: 0,
          next_attempt_at: null,
          error: null,
          probe: null,
          url_change: changed ? { from: lastUrl, to: report.url, at: iso(now) } : current.url_change,
        },
      };
    }
    case 'reconnecting':
      return {
        providerOnline: false,
        status: {
          ...current,
          status: 'reconnecting',
          attempt: report.attempt,
          next_attempt_at: report.nextAttemptAt === null ? null : iso(report.nextAttemptAt),
          error: report.error,
        },
      };
    case 'failed':
      return {
        providerOnline: false,
        status: { ...current, status: 'failed', url: null, host_url: null, next_attempt_at: null, error: report.error },
      };
  }
}
