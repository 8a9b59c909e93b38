import type { TunnelError } from '../../../shared/api/tunnel-routes.js';
import { CLOSE, DEFAULT_STREAM_WINDOW } from '../../../shared/tunnel-protocol.js';
import { isHookbenchError } from '../../../shared/errors.js';
import type { Ingest } from '../receiver/ingest.js';
import { reconnectDelay, type BackoffSettings } from './reconnect-backoff.js';
import type { ProviderReport } from './provider.js';
import type { RelayQueueEvent, TunnelConnection } from './connection-contract.js';
import { openTunnelConnection } from './tunnel-connection.js';

/** The id the client asks for, and what the relay said about it last time. */
export interface TunnelIdentity {
  tunnelId: string | null;
  resume: string | null;
  url: string | null;
  hostUrl: string | null;
}

export interface TunnelClientOptions {
  relay: string;
  token: string;
  identity: TunnelIdentity;
  ingest: Ingest;
  maxBody: number;
  ca?: string;
  retry: BackoffSettings;
  window?: number;
  maxLargeBodies?: number;
  maxStreams?: number;
  handshakeTimeoutMs?: number;
  clientName?: string;
  /** The relay gave an id (new or the same): persist it so a restarted app keeps its URL. */
  onIdentity(identity: TunnelIdentity): void;
  /** Every state change, in the providers' common terms (the service adds the probe's verdict). */
  onReport(report: ProviderReport): void;
  /** What the relay's queue says and brings (relays with --queue only). */
  onQueueEvent?: (event: RelayQueueEvent) => void;
  log: (line: string) => void;
  random?: () => number;
}

export interface TunnelClient {
  /** Settles once the first attempt has either come online or failed. */
  readonly firstAttempt: Promise<void>;
  /** `switchedOff`: the user turned the tunnel off, so the relay refuses its senders instead of queueing them. */
  stop(graceMs: number, switchedOff?: boolean): Promise<void>;
}

/** Refusals a retry in a second will not fix (a wrong token, an old app, the token's tunnel limit): back off further. */
const STUBBORN_ERRORS = new Set(['unauthorized', 'unsupported_version', 'too_many_tunnels', 'tunnel_id_not_yours', 'http_403', 'http_404']);
const STUBBORN_MAX_MS = 30_000;

/** Keeps one tunnel up: connect, serve, and after any loss reconnect with backoff and jitter, forever. */
export function startTunnelClient(options: TunnelClientOptions): TunnelClient {
  let identity = { ...options.identity };
  let stopped = false;
  let connection: TunnelConnection | null = null;
  let wake: (() => void) | null = null;
  let attempt = 0;
  let firstSettled: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (firstSettled = resolve));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const run = async () => {
    options.onReport({ state: 'starting' });
    while (!stopped) {
      // Set on every way to a retry: the connection ended, or the attempt failed.
      let error: TunnelError;
      let retryAtOnce = false;
      try {
        connection = await openTunnelConnection({
          relay: options.relay,
          token: options.token,
          tunnelId: identity.tunnelId,
          resume: identity.resume,
          ca: options.ca,
          ingest: options.ingest,
          maxBody: options.maxBody,
          window: options.window ?? DEFAULT_STREAM_WINDOW,
          maxLargeBodies: options.maxLargeBodies ?? 16,
          maxStreams: options.maxStreams ?? 4096,
          handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
          clientName: options.clientName ?? 'hookbench',
          onQueueEvent: options.onQueueEvent,
          log: options.log,
        });
        if (stopped) {
          await connection.close(0);
          break;
        }
        const { welcome } = connection;
        identity = { tunnelId: welcome.tunnel_id, resume: welcome.resume, url: welcome.url, hostUrl: welcome.host_url };
        options.onIdentity(identity);
        attempt = 0;
        options.onReport({ state: 'online', url: welcome.url, urlStable: true, hostUrl: welcome.host_url, tunnelId: welcome.tunnel_id });
        firstSettled();
        // attempt is 0 again, so the first retry after losing a working connection comes quickly.
        const end = await connection.ended;
        connection = null;
        if (stopped) break;
        error =
          end.code === CLOSE.relayRestart
            ? { code: 'relay_restarting', message: 'The relay is restarting.', fix: null }
            : {
                code: 'connection_lost',
                message: `The connection to the relay ended (${end.code}${end.reason ? ` ${end.reason}` : ''}).`,
                fix: null,
              };
      } catch (caught) {
        connection = null;
        error = isHookbenchError(caught)
          ? { code: caught.code, message: caught.message, fix: null }
          : { code: 'connection_failed', message: String(caught), fix: null };
        if (error.code === 'tunnel_id_not_yours' && identity.tunnelId && identity.resume) {
          // An id the relay once gave us, now reserved for another token (its tokens file changed): ask for a new one.
          // A name the user asked for explicitly (no resume secret yet) is not swapped silently; the error shows instead.
          options.log(`tunnel: the relay no longer gives ${identity.tunnelId} to this token; asking for a new id`);
          identity = { tunnelId: null, resume: null, url: null, hostUrl: null };
          options.onIdentity(identity);
          retryAtOnce = true;
        }
      }
      if (stopped) break;
      if (retryAtOnce) continue;
      const stubborn = STUBBORN_ERRORS.has(error.code);
      const delay = reconnectDelay(
        attempt,
        stubborn ? { ...options.retry, maxMs: Math.max(options.retry.maxMs, STUBBORN_MAX_MS) } : options.retry,
        options.random,
      );
      attempt += 1;
      options.onReport({
        state: 'reconnecting',
        attempt,
        nextAttemptAt: Date.now() + delay,
        error,
      });
      firstSettled();
      await sleep(delay);
      wake = null;
      // The next attempt is under way; 'starting' is only ever the first one, so the last error stays on show.
      if (!stopped) options.onReport({ state: 'reconnecting', attempt, nextAttemptAt: null, error });
    }
  };
  void run();

  return {
    firstAttempt,
    async stop(graceMs, switchedOff = false) {
      if (stopped) return;
      stopped = true;
      wake?.();
      firstSettled();
      await connection?.close(graceMs, switchedOff);
    },
  };
}
