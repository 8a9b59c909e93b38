import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { appVersion } from '../../../app-root.js';
import { URL_ARRIVAL_TIMEOUT_MS, tunnelError, type ProviderContext, type TunnelProvider } from '../../provider.js';
import { reconnectDelay, type BackoffSettings } from '../../reconnect-backoff.js';
import {
  DEFAULT_NGROK_SERVER_ADDR,
  authtokenMissing,
  ngrokVerdict,
  plainLine,
  needsReachCheck,
  sdkUnavailable,
  sessionLost,
  urlTimeout,
  type NgrokVerdict,
} from './ngrok-errors.js';
import { loadNgrokSdk, type NgrokSdk } from './ngrok-sdk.js';
import { openNgrokTunnel, type NgrokTunnel } from './ngrok-tunnel.js';
import { serverReachError } from './server-reach.js';

export interface NgrokSettings {
  /** From the settings or NGROK_AUTHTOKEN, merged by core; empty when there is none. */
  authtoken: string;
  /** A domain reserved in the user's ngrok account (the free static one), so the URL survives restarts. */
  domain: string | null;
  /** Tests: host:port of a stand-in ngrok service, the SDK's server_addr. */
  serverAddr?: string;
  /** Tests: PEM of the CA that signed that stand-in's certificate. */
  serverCa?: string;
  /** How long a session and its endpoint may take to give a URL; tests shorten it. */
  urlTimeoutMs?: number;
  /** Backoff between Hookbench's own attempts, once the SDK's quick reconnects are spent. */
  retry?: BackoffSettings;
  /** Tests: seconds between session heartbeats (the SDK's default is 10). */
  heartbeatSeconds?: number;
}

const DEFAULT_RETRY: BackoffSettings = { baseMs: 1_000, maxMs: 60_000 };
const SDK_HEARTBEAT_SECONDS = 10;
/** ngrok-rust reconnects after 0 ms, 50 ms and 2.5 s, then waits 125 s and longer: Hookbench takes over after the third. */
const SDK_QUICK_RECONNECTS = 3;
const REACH_CHECK_MS = 5_000;
const CLOSE_BOUND_MS = 3_000;

type AttemptOutcome =
  { kind: 'online'; url: string } | { kind: 'retry'; error: TunnelError } | { kind: 'failed'; error: TunnelError } | { kind: 'stopped' };

/**
 * ngrok through its official SDK: a session with the user's authtoken and an HTTP endpoint (on
 * their domain when set) forwarding to the tunnel ingress. After a drop the SDK reconnects and
 * rebinds the same URL by itself; Hookbench reports that as reconnecting, calls it online again
 * once the new session keeps answering heartbeats, and starts its own attempts with backoff when
 * the SDK's quick retries are spent. Authtoken, account and domain refusals stop for good.
 */
export function createNgrokProvider(settings: NgrokSettings, context: ProviderContext): TunnelProvider {
  const authtoken = settings.authtoken.trim();
  const domain = settings.domain?.trim() || null;
  const serverAddr = settings.serverAddr ?? DEFAULT_NGROK_SERVER_ADDR;
  const urlTimeoutMs = settings.urlTimeoutMs ?? URL_ARRIVAL_TIMEOUT_MS;
  const retry = settings.retry ?? DEFAULT_RETRY;
  const heartbeatSeconds = settings.heartbeatSeconds ?? SDK_HEARTBEAT_SECONDS;
  const clientVersion = appVersion();
  // By then a session the SDK brought back has answered two heartbeats.
  const takeoverMs = 2_500 * heartbeatSeconds + 2_000;

  let stopped = false;
  let running: Promise<void> | null = null;
  const abort = new AbortController();
  let current: NgrokTunnel | null = null;
  /** The tunnel whose URL was reported online; the SDK's reconnecting only matters for that one. */
  let live: NgrokTunnel | null = null;
  const abandoned = new Set<NgrokTunnel>();
  let wake: () => void = () => undefined;
  let settleFirst: () => void = () => undefined;
  let signalStop: () => void = () => undefined;
  const firstAttempt = new Promise<void>((resolve) => (settleFirst = resolve));
  const stopping = new Promise<void>((resolve) => (signalStop = resolve));

  // While online: the SDK's own reconnecting, and how Hookbench learns it is over.
  let sdkReconnects = 0;
  let heartbeatsSinceDrop = 0;
  let takeoverTimer: NodeJS.Timeout | undefined;
  let signalLost: (error: TunnelError) => void = () => undefined;

  const report = context.report.bind(context);
  const log = (line: string) => context.log(line);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const abandon = (tunnel: NgrokTunnel) => {
    if (current === tunnel) current = null;
    abandoned.add(tunnel);
    void tunnel.close(CLOSE_BOUND_MS).then(() => abandoned.delete(tunnel));
  };

  const judge = async (error: unknown): Promise<NgrokVerdict> => {
    const message = error instanceof Error ? error.message : String(error);
    const errorCode = (error as { errorCode?: unknown } | null)?.errorCode;
    const reach = needsReachCheck(message) ? await serverReachError(serverAddr, REACH_CHECK_MS, abort.signal) : null;
    log(`attempt failed: ${plainLine(message)}${reach ? ` (${reach})` : ''}`);
    return ngrokVerdict({ message, errorCode: typeof errorCode === 'string' ? errorCode : null, reach, serverAddr, domain });
  };

  let onlineUrl = '';
  const online = (url: string) => {
    onlineUrl = url;
    report({ state: 'online', url, urlStable: domain !== null });
    settleFirst();
  };

  const takeover = () => {
    takeoverTimer = undefined;
    if (stopped || sdkReconnects === 0) return;
    signalLost(sessionLost(`ngrok's ${sdkReconnects} quick reconnects did not bring the session back`));
  };

  /** One session and endpoint, until it gives a URL, fails, times out, or the provider stops. */
  const attemptOnce = async (sdk: NgrokSdk): Promise<AttemptOutcome> => {
    const tunnel = openNgrokTunnel(
      sdk,
      {
        authtoken,
        domain,
        forwardTo: context.target.url,
        serverAddr: settings.serverAddr ?? null,
        serverCa: settings.serverCa ?? null,
        heartbeatSeconds: settings.heartbeatSeconds ?? null,
        clientVersion,
      },
      {
        onDisconnect(error) {
          if (stopped || tunnel !== current) return false;
          // Dropped before its URL came: the attempt's own timeout and retry cover it.
          if (tunnel !== live) return true;
          sdkReconnects += 1;
          heartbeatsSinceDrop = 0;
          const { error: reason } = ngrokVerdict({ message: error, serverAddr, domain });
          log(`session dropped (${error}); ngrok reconnects, try ${sdkReconnects}`);
          report({ state: 'reconnecting', error: reason, attempt: sdkReconnects, nextAttemptAt: null });
          if (sdkReconnects === SDK_QUICK_RECONNECTS) takeoverTimer = setTimeout(takeover, takeoverMs);
          return sdkReconnects <= SDK_QUICK_RECONNECTS;
        },
        onHeartbeat(latencyMs) {
          // The SDK calls this with 0 when an answer is overdue; only real answers count.
          if (stopped || tunnel !== live || sdkReconnects === 0 || latencyMs <= 0) return;
          heartbeatsSinceDrop += 1;
          // A reconnect that fails after its TLS handshake still answers one heartbeat; two mean the session lives.
          if (heartbeatsSinceDrop < 2) return;
          log(`session back after ${sdkReconnects} reconnect tries`);
          sdkReconnects = 0;
          clearTimeout(takeoverTimer);
          online(onlineUrl);
        },
      },
    );
    current = tunnel;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      tunnel.url.then(
        (url): AttemptOutcome => ({ kind: 'online', url }),
        async (error: unknown): Promise<AttemptOutcome> => {
          const verdict = await judge(error);
          return verdict.retry ? { kind: 'retry', error: verdict.error } : { kind: 'failed', error: verdict.error };
        },
      ),
      new Promise<AttemptOutcome>(
        (resolve) => (timer = setTimeout(() => resolve({ kind: 'retry', error: urlTimeout(urlTimeoutMs, serverAddr) }), urlTimeoutMs)),
      ),
      stopping.then((): AttemptOutcome => ({ kind: 'stopped' })),
    ]);
    clearTimeout(timer);
    if (outcome.kind !== 'online') abandon(tunnel);
    return stopped ? { kind: 'stopped' } : outcome;
  };

  const run = async () => {
    report({ state: 'starting' });
    if (authtoken === '') return fail(authtokenMissing());
    let sdk: NgrokSdk;
    try {
      sdk = await loadNgrokSdk();
    } catch (error) {
      return fail(sdkUnavailable(error instanceof Error ? error.message : String(error)));
    }
    // Reported attempts count the SDK's reconnect tries too; the backoff only Hookbench's own retries.
    let attempt = 0;
    let retries = 0;
    while (!stopped) {
      const outcome = await attemptOnce(sdk);
      if (outcome.kind === 'stopped') return;
      if (outcome.kind === 'failed') return fail(outcome.error);
      let error: TunnelError;
      if (outcome.kind === 'online') {
        log(`online at ${outcome.url}${domain ? '' : ' (a new URL on every start: set an ngrok domain to keep one)'}`);
        retries = 0;
        sdkReconnects = 0;
        live = current;
        online(outcome.url);
        const lost = await Promise.race([new Promise<TunnelError>((resolve) => (signalLost = resolve)), stopping.then(() => null)]);
        if (lost === null || stopped) return;
        error = lost;
        attempt = sdkReconnects;
        sdkReconnects = 0;
        live = null;
        if (current) abandon(current);
      } else {
        error = outcome.error;
      }
      const delay = reconnectDelay(retries, retry);
      retries += 1;
      attempt += 1;
      log(`${error.message} Next attempt in ${(delay / 1000).toFixed(1)} s.`);
      report({ state: 'reconnecting', error, attempt, nextAttemptAt: Date.now() + delay });
      settleFirst();
      await sleep(delay);
      if (!stopped) report({ state: 'reconnecting', error, attempt, nextAttemptAt: null });
    }
  };

  const fail = (error: TunnelError) => {
    log(error.message);
    report({ state: 'failed', error });
    settleFirst();
  };

  return {
    name: 'ngrok',
    start() {
      running ??= run().catch((error: unknown) => fail(tunnelError('ngrok_internal', `ngrok stopped unexpectedly: ${String(error)}`)));
      return firstAttempt;
    },
    async stop(graceMs) {
      if (stopped) return;
      stopped = true;
      abort.abort();
      clearTimeout(takeoverTimer);
      wake();
      signalStop();
      settleFirst();
      const bound = Math.min(Math.max(graceMs, 500), CLOSE_BOUND_MS);
      const open = [...abandoned, ...(current ? [current] : [])];
      current = null;
      await Promise.all(open.map((tunnel) => tunnel.close(bound)));
      await running;
    },
  };
}
