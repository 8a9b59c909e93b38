import path from 'node:path';
import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { URL_ARRIVAL_TIMEOUT_MS, tunnelError, type ProviderContext, type ProviderReport, type TunnelProvider } from '../../provider.js';
import { reconnectDelay, type BackoffSettings } from '../../reconnect-backoff.js';
import { CloudflaredPathError, findCloudflared } from './cloudflared-binary.js';
import {
  cloudflaredNotFound,
  connectionLost,
  connectionNotRegained,
  edgeNotReached,
  processEnded,
  quickTunnelRefused,
  urlTimeout,
} from './cloudflared-errors.js';
import type { CloudflaredEvent } from './cloudflared-output.js';
import { runCloudflared, type CloudflaredRun } from './cloudflared-process.js';

export interface CloudflareSettings {
  /** Explicit path (setting > --cloudflared > HOOKBENCH_CLOUDFLARED), merged by the tunnel service; null to search. */
  cloudflared: string | null;
}

export interface CloudflareProviderOptions {
  /** How long one cloudflared may take to print its URL and register a connection, or to regain a lost one. */
  urlTimeoutMs?: number;
  /** Backoff between cloudflared restarts. */
  retry?: BackoffSettings;
  /** Environment for the PATH search and for cloudflared. */
  env?: NodeJS.ProcessEnv;
  random?: () => number;
}

const DEFAULT_RETRY: BackoffSettings = { baseMs: 1_000, maxMs: 30_000 };
/** cloudflared finishes in-flight requests on SIGTERM; a restart does not wait long for that. */
const RESTART_GRACE_MS = 2_000;

/** How one cloudflared process ended, and whether trying again could help without the user. */
interface RunOutcome {
  error: TunnelError;
  fatal: boolean;
}

/**
 * A Cloudflare quick tunnel through the user's cloudflared: online once the URL is printed and a
 * connection is registered; reconnecting while cloudflared has no connection or after it died
 * (restarted with backoff, and a restarted quick tunnel has a new URL); failed when cloudflared is
 * missing or its first run ends without coming online.
 */
export function createCloudflareProvider(
  settings: CloudflareSettings,
  context: ProviderContext,
  options: CloudflareProviderOptions = {},
): TunnelProvider {
  const urlTimeoutMs = options.urlTimeoutMs ?? URL_ARRIVAL_TIMEOUT_MS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const env = options.env ?? process.env;
  const targetUrl = `http://${context.target.host.includes(':') ? `[${context.target.host}]` : context.target.host}:${context.target.port}`;

  let started: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;
  let stopped = false;
  let current: { run: CloudflaredRun; cancel(): void } | null = null;
  let wake: (() => void) | null = null;
  /** Failed attempts since the tunnel was last online. */
  let attempt = 0;
  let everOnline = false;
  let settleFirst: () => void = () => undefined;
  const firstSettled = new Promise<void>((resolve) => (settleFirst = resolve));

  const report = (next: ProviderReport) => {
    if (stopped) return;
    context.report(next);
    if (next.state !== 'starting') settleFirst();
  };
  /** Set once a failure was reported before its cloudflared had finished stopping. */
  let reportedFailure = false;
  const failedEarly = (error: TunnelError) => {
    context.log(error.message);
    report({ state: 'failed', error });
    reportedFailure = true;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function keepUp(binary: string): Promise<void> {
    while (!stopped) {
      const outcome = await runOnce(binary);
      if (stopped) return;
      if (outcome.fatal) {
        if (!reportedFailure) report({ state: 'failed', error: outcome.error });
        return;
      }
      attempt += 1;
      const delay = reconnectDelay(attempt - 1, retry, options.random);
      report({ state: 'reconnecting', error: outcome.error, attempt, nextAttemptAt: Date.now() + delay });
      await sleep(delay);
    }
  }

  /** Runs one cloudflared until it exits (by itself, or ended here for a timeout); reports online and edge losses on the way. */
  function runOnce(binary: string): Promise<RunOutcome> {
    const firstRun = !everOnline && attempt === 0;
    let url: string | null = null;
    const connections = new Set<number>();
    let online = false;
    let onlineOnce = false;
    let nextRetryAt: number | null = null;
    let refused: TunnelError | null = null;
    let endedHere: TunnelError | null = null;
    let timer: NodeJS.Timeout | null = null;

    const endForTimeout = (why: TunnelError) => {
      endedHere = why;
      // The first run's verdict is due now (start() settles within the timeout), not once cloudflared has stopped.
      if (firstRun && !onlineOnce) failedEarly(why);
      else context.log(why.message);
      void run.stop(RESTART_GRACE_MS);
    };
    const arm = (ms: number, why: () => TunnelError) => {
      disarm();
      timer = setTimeout(() => endForTimeout(why()), ms);
    };
    const disarm = () => {
      if (timer) clearTimeout(timer);
      timer = null;
    };

    const onEvent = (event: CloudflaredEvent) => {
      switch (event.kind) {
        case 'url':
          // A second box in one run would be a new tunnel; the first URL is the one that is registered.
          url ??= event.url;
          context.log(`cloudflared: quick tunnel ${event.url}`);
          break;
        case 'registered':
          connections.add(event.connIndex);
          break;
        case 'disconnected':
          if (event.connIndex === null) connections.clear();
          else connections.delete(event.connIndex);
          if (online && connections.size === 0) {
            online = false;
            attempt += 1;
            report({ state: 'reconnecting', error: connectionLost(event.error), attempt, nextAttemptAt: nextRetryAt });
            arm(urlTimeoutMs, () => connectionNotRegained(urlTimeoutMs));
          }
          return;
        case 'retrying': {
          nextRetryAt = event.delayMs === null ? null : Date.now() + event.delayMs;
          // cloudflared's own retry while the tunnel is down counts as an attempt.
          if (onlineOnce && !online && connections.size === 0 && attempt > 0) {
            attempt += 1;
            report({ state: 'reconnecting', error: connectionLost(null), attempt, nextAttemptAt: nextRetryAt });
          }
          return;
        }
        case 'quick_tunnel_refused':
          // The first refusal line carries the cause (a 429 shows only there); the CLI's final line repeats it.
          if (refused === null || event.rateLimited) refused = quickTunnelRefused(event.message, event.rateLimited);
          return;
        case 'shutting_down':
          context.log(`cloudflared: shutting down (${event.reason})`);
          return;
      }
      if (!online && url && connections.size > 0) {
        online = true;
        onlineOnce = true;
        everOnline = true;
        attempt = 0;
        nextRetryAt = null;
        disarm();
        report({ state: 'online', url, urlStable: false });
      }
    };

    const run = runCloudflared({
      binary,
      targetUrl,
      env,
      onEvent,
      onLine: (line) => {
        if (/\b(ERR|WRN|FTL)\b/.test(line.slice(0, 40))) context.log(`cloudflared: ${line}`);
      },
    });
    current = { run, cancel: disarm };
    context.log(`cloudflared: started ${run.commandLine}${run.pid ? ` (guard pid ${run.pid})` : ''}`);
    arm(urlTimeoutMs, () => (url ? edgeNotReached(url, urlTimeoutMs) : urlTimeout(urlTimeoutMs)));

    return run.exited.then((exit) => {
      disarm();
      if (current?.run === run) current = null;
      const error = endedHere ?? refused ?? processEnded(exit, run.recentLines(), run.commandLine);
      if (!stopped && error !== endedHere) context.log(error.message);
      return { error, fatal: firstRun && !onlineOnce };
    });
  }

  return {
    name: 'cloudflare',
    start() {
      started ??= (async () => {
        report({ state: 'starting' });
        let binary: string | null;
        try {
          binary = findCloudflared(settings.cloudflared, context.dataDir, env);
        } catch (error) {
          if (!(error instanceof CloudflaredPathError)) throw error;
          report({ state: 'failed', error: error.tunnelError });
          return;
        }
        if (!binary) {
          report({ state: 'failed', error: cloudflaredNotFound(path.join(context.dataDir, 'bin')) });
          return;
        }
        keepUp(binary).catch((error: unknown) => {
          // Only a failure to start a process at all (out of file descriptors, say) lands here.
          const message = error instanceof Error ? error.message : String(error);
          report({ state: 'failed', error: tunnelError('cloudflared_start_failed', `cloudflared could not be started: ${message}`, null) });
        });
        await firstSettled;
      })();
      return started;
    },
    stop(graceMs) {
      stopping ??= (async () => {
        stopped = true;
        settleFirst();
        wake?.();
        const running = current;
        current = null;
        running?.cancel();
        await running?.run.stop(graceMs);
      })();
      return stopping;
    },
  };
}
