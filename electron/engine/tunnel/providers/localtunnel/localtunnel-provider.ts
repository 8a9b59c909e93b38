import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { URL_ARRIVAL_TIMEOUT_MS, tunnelError, type ProviderContext, type TunnelProvider } from '../../provider.js';
import { reconnectDelay, type BackoffSettings } from '../../reconnect-backoff.js';
import { connectionLost, hostInvalid, registrationVerdict, tunnelPortUnreachable } from './localtunnel-errors.js';
import { openSocketPool, type SocketPool } from './socket-pool.js';
import { requestTunnel } from './tunnel-registration.js';

export interface LocaltunnelSettings {
  host: string;
  subdomain: string | null;
  /** The subdomain the server granted: core saves it so the next start asks for it again. */
  onSubdomain(subdomain: string): void;
  /** How long the server may take to grant a tunnel and take its first socket; tests shorten it. */
  urlTimeoutMs?: number;
  /** Backoff between attempts after a loss (the engine's tunnel retry settings). */
  retry?: BackoffSettings;
}

const DEFAULT_RETRY: BackoffSettings = { baseMs: 500, maxMs: 30_000 };
const MAX_SOCKET_CONNECT_MS = 10_000;
const MIN_SOCKET_CONNECT_MS = 250;

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * localtunnel, spoken directly rather than through the `localtunnel` npm client: that client retries
 * a down server silently forever and has no reconnecting state, so it cannot report honest states.
 * Register (`GET /?new` or `GET /<subdomain>`), keep `max_conn_count` sockets to the granted port,
 * and after a loss register again for the same subdomain, with backoff.
 */
export function createLocaltunnelProvider(settings: LocaltunnelSettings, context: ProviderContext): TunnelProvider {
  const host = settings.host.replace(/\/+$/, '');
  const urlTimeoutMs = settings.urlTimeoutMs ?? URL_ARRIVAL_TIMEOUT_MS;
  const retry = settings.retry ?? DEFAULT_RETRY;
  const abort = new AbortController();
  let stopped = false;
  let running: Promise<void> | null = null;
  let pool: SocketPool | null = null;
  let wake: () => void = () => undefined;
  let settleFirst: () => void = () => undefined;
  let signalStop: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (settleFirst = resolve));
  const stopping = new Promise<void>((resolve) => (signalStop = resolve));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const fail = (error: TunnelError) => {
    context.log(error.message);
    context.report({ state: 'failed', error });
    settleFirst();
  };

  const run = async () => {
    context.report({ state: 'starting' });
    if (!isHttpUrl(host)) return fail(hostInvalid(settings.host));
    let wanted = settings.subdomain;
    let saved = settings.subdomain;
    let attempt = 0;
    let everOnline = false;
    while (!stopped) {
      const deadline = Date.now() + urlTimeoutMs;
      const registration = await requestTunnel(host, wanted, urlTimeoutMs, abort.signal);
      if (stopped) return;
      let error: TunnelError;
      if (!registration.ok) {
        const verdict = registrationVerdict(registration.failure, { host, subdomain: wanted, everOnline });
        if (!verdict.retry) return fail(verdict.error);
        error = verdict.error;
      } else {
        const grant = registration.grant;
        if (wanted !== null && grant.id !== wanted) context.log(`asked for ${wanted}, the server gave ${grant.id}`);
        const urlStable = grant.id === wanted;
        wanted = grant.id;
        if (grant.id !== saved) settings.onSubdomain(grant.id);
        saved = grant.id;
        const connectMs = Math.min(MAX_SOCKET_CONNECT_MS, Math.max(MIN_SOCKET_CONNECT_MS, deadline - Date.now()));
        const current = openSocketPool({
          remote: grant.remote,
          target: context.target,
          size: grant.maxConnCount,
          connectTimeoutMs: connectMs,
        });
        pool = current;
        const start = await current.started;
        if (stopped) return;
        if (start.up) {
          context.log(`${grant.url} (${grant.maxConnCount} sockets to ${grant.remote.host}:${grant.remote.port})`);
          attempt = 0;
          everOnline = true;
          context.report({ state: 'online', url: grant.url, urlStable, tunnelId: grant.id });
          settleFirst();
          const reason = await Promise.race([current.lost, stopping.then(() => null)]);
          if (reason === null || stopped) return;
          error = connectionLost(host, reason);
        } else {
          error = tunnelPortUnreachable(grant.remote, start.reason);
        }
        current.close();
        pool = null;
      }
      const delay = reconnectDelay(attempt, retry);
      attempt += 1;
      context.log(`${error.message} Next attempt in ${(delay / 1000).toFixed(1)} s.`);
      context.report({ state: 'reconnecting', error, attempt, nextAttemptAt: Date.now() + delay });
      settleFirst();
      await sleep(delay);
      if (!stopped) context.report({ state: 'reconnecting', error, attempt, nextAttemptAt: null });
    }
  };

  return {
    name: 'localtunnel',
    start() {
      running ??= run().catch((error: unknown) => fail(tunnelError('lt_internal', `localtunnel stopped unexpectedly: ${String(error)}`)));
      return firstAttempt;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      abort.abort();
      wake();
      signalStop();
      pool?.close();
      pool = null;
      settleFirst();
      await running;
    },
  };
}
