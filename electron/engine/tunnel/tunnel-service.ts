import { readFileSync } from 'node:fs';
import type {
  CloudflaredDownload,
  ProviderConnect,
  TunnelConnect,
  TunnelError,
  TunnelSettingsView,
  TunnelStatus,
} from '../../../shared/api/tunnel-routes.js';
import { HookbenchError, isHookbenchError } from '../../../shared/errors.js';
import type { EngineEvents } from '../events.js';
import type { Ingest } from '../receiver/ingest.js';
import { newProbeSecret } from './probe-protocol.js';
import type { ProviderContext, ProviderReport, TunnelProvider } from './provider.js';
import { URL_ARRIVAL_TIMEOUT_MS } from './provider.js';
import { createProvider, type ProviderFactory } from './provider-registry.js';
import { connectRequest, maskSecret, planConnect, startupConnect, type TunnelConfig } from './provider-settings.js';
import { findCloudflared } from './providers/cloudflare/cloudflared-binary.js';
import { cloudflaredDownloadAvailable, downloadCloudflared } from './providers/cloudflare/cloudflared-download.js';
import type { BackoffSettings } from './reconnect-backoff.js';
import { startTunnelIngress, type TunnelIngress } from './tunnel-ingress.js';
import type { RelayQueueEvent } from './connection-contract.js';
import { createTunnelIngest } from './tunnel-ingest.js';
import { sendProbe } from './tunnel-probe.js';
import { createProber, type Prober, type ProberTimes } from './tunnel-prober.js';
import { createTunnelSettingsWriter, DEFAULT_LOCALTUNNEL_HOST, readTunnelSettings, type TunnelSettings } from './tunnel-settings-file.js';
import { nextTunnelModel, offlineModel, type TunnelModel, type TunnelModelEvent } from './tunnel-status-model.js';

export interface TunnelServiceOptions {
  dataDir: string;
  ingest: Ingest;
  events: EngineEvents;
  maxBody: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  config: TunnelConfig & {
    /** PEM file of a CA to trust for the relay's certificate (a self-hosted relay with a private CA). */
    relayCaFile?: string;
    cloudflaredDownloadUrl: string;
    cloudflaredDownloadCaFile?: string;
  };
  retry: BackoffSettings;
  probe: ProberTimes;
  clientName: string;
  log: (line: string) => void;
  /** Tests only: builds providers instead of the registry (a stand-in that forwards through a switchable proxy). */
  createProvider?: ProviderFactory;
}

export interface TunnelService {
  /** Connects at start when flags name a provider, or when the app was connected when it last ran. */
  start(): void;
  status(): TunnelStatus;
  /** The public base URL while the tunnel has one (online, proving it, degraded or coming back), else null. */
  publicUrl(): string | null;
  connect(input?: TunnelConnect): Promise<TunnelStatus>;
  disconnect(): Promise<TunnelStatus>;
  /** Probes the public URL now; resolves with the status once the probe is back. */
  probe(): Promise<TunnelStatus>;
  settings(): TunnelSettingsView;
  downloadCloudflared(): Promise<CloudflaredDownload>;
  stop(graceMs: number): Promise<void>;
}

/** One provider run: its ingress, its prober and what it last knew; replaced whole on every connect. */
interface Run {
  generation: number;
  provider: TunnelProvider;
  ingress: TunnelIngress | null;
  prober: Prober;
  lastUrl: string | null;
}

const SWITCH_GRACE_MS = 2_000;

function readPem(file: string, code: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new HookbenchError(
      code,
      `Cannot read the CA file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); fix ${flag}.`,
      400,
    );
  }
}

/** The cloudflared a connect would run, or null (a set path that is not an executable finds none). */
function foundCloudflared(explicit: string | null, dataDir: string): string | null {
  try {
    return findCloudflared(explicit, dataDir);
  } catch {
    return null;
  }
}

function superseded(): HookbenchError {
  return new HookbenchError('tunnel_superseded', 'Another connect or disconnect request came in meanwhile; check GET /api/tunnel.', 409);
}

/** Passes queue notices on at once and adds up deliveries, passed on at most every 250 ms. */
function batchedQueueEvents(apply: (event: RelayQueueEvent) => void): (event: RelayQueueEvent) => void {
  let stored = 0;
  let duplicates = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stored + duplicates > 0) apply({ type: 'delivered', stored, duplicates });
    stored = duplicates = 0;
  };
  return (event) => {
    if (event.type === 'notice') {
      flush();
      return apply(event);
    }
    stored += event.stored;
    duplicates += event.duplicates;
    timer ??= setTimeout(flush, 250);
  };
}

function asTunnelError(error: unknown): TunnelError {
  if (isHookbenchError(error)) return { code: error.code, message: error.message, fix: null };
  return { code: 'tunnel_failed', message: (error as Error)?.message ?? String(error), fix: null };
}

/**
 * The engine's tunnel: one provider at a time behind the provider boundary, its loopback ingress,
 * the liveness probe, the one status model on the live feed, and the settings kept in the data dir.
 */
export function createTunnelService(options: TunnelServiceOptions): TunnelService {
  const { config } = options;
  const writer = createTunnelSettingsWriter(options.dataDir, options.log);
  const probeSecret = newProbeSecret();
  const probeTimeoutMs = Math.min(10_000, Math.max(2_000, options.probe.intervalMs));
  let saved = readTunnelSettings(options.dataDir);
  let model: TunnelModel = offlineModel(
    saved.provider,
    Date.now(),
    saved.provider === 'relay' ? saved.relay.relay : null,
    saved.provider === 'relay' ? saved.relay.tunnel_id : null,
  );
  let run: Run | null = null;
  /** Bumped whenever the run is replaced or dropped, so a stopping provider's reports are ignored. */
  let generation = 0;
  const waiters = new Set<() => void>();

  const save = (next: TunnelSettings) => {
    saved = next;
    return writer.save(next);
  };

  const update = (event: TunnelModelEvent) => {
    const before = model;
    model = nextTunnelModel(model, event, Date.now());
    if (model === before) return;
    options.events.emit({ type: 'tunnel.status', ...model.status });
    const change = model.status.url_change;
    if (change && change !== before.status.url_change && model.status.provider) {
      options.events.emit({ type: 'tunnel.url_changed', provider: model.status.provider, ...change });
    }
    for (const waiter of [...waiters]) waiter();
  };

  /** Resolves once `check` holds (checked on every status change), or after timeoutMs. */
  const waitFor = (check: () => boolean, timeoutMs: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        waiters.delete(listener);
        clearTimeout(timer);
        resolve();
      };
      const listener = () => {
        if (check()) done();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      waiters.add(listener);
      listener();
    });

  const rememberUrl = (current: Run, url: string) => {
    current.lastUrl = url;
    const provider = current.provider.name;
    if (provider === 'relay') return; // the relay's URL is saved with its identity
    if (saved[provider].last_url !== url) void save({ ...saved, [provider]: { ...saved[provider], last_url: url } });
  };

  const onReport = (current: Run, report: ProviderReport) => {
    if (current.generation !== generation) return;
    if (report.state !== 'online') current.prober.end();
    update({ type: 'report', report, lastUrl: current.lastUrl });
    if (report.state === 'online') {
      rememberUrl(current, report.url);
      current.prober.begin();
    }
  };

  /** `switchedOff`: the user turned this provider off (disconnect, or a switch to another provider), not the app quitting. */
  const stopRun = async (stopping: Run | null, graceMs: number, switchedOff: boolean) => {
    if (!stopping) return;
    stopping.prober.end();
    await stopping.provider
      .stop(graceMs, switchedOff)
      .catch((error: unknown) => options.log(`tunnel: stopping ${stopping.provider.name}: ${String(error)}`));
    await stopping.ingress?.close(graceMs);
  };

  const connect = async (input?: TunnelConnect): Promise<TunnelStatus> => {
    const request: ProviderConnect = connectRequest(input, saved, config);
    // Everything that can be refused is refused here, before the running tunnel stops or anything is saved.
    const plan = planConnect(request, saved, config);
    // A path typed into this request that is no executable is a mistake to refuse, not a tunnel failure.
    if (request.provider === 'cloudflare' && request.cloudflared !== undefined) findCloudflared(request.cloudflared, options.dataDir);
    const relayCa =
      plan.resolved.provider === 'relay' && config.relayCaFile
        ? readPem(config.relayCaFile, 'relay_ca_unreadable', '--relay-ca')
        : undefined;

    const mine = ++generation;
    const previous = run;
    run = null;
    // A relay tunnel that connects again is only away meanwhile; one replaced by another provider is switched off.
    await stopRun(previous, SWITCH_GRACE_MS, plan.resolved.provider !== 'relay');
    if (generation !== mine) throw superseded();
    // On disk before the answer: a connect that was answered is what the next start reconnects.
    await save(plan.saved);
    if (generation !== mine) throw superseded();
    const resolved = plan.resolved;
    update({
      type: 'start',
      provider: resolved.provider,
      relay: resolved.provider === 'relay' ? resolved.relay : null,
      tunnelId:
        resolved.provider === 'relay' ? resolved.identity.tunnelId : resolved.provider === 'localtunnel' ? resolved.subdomain : null,
    });

    let publicUrl: string | null = null;
    const ingest = createTunnelIngest({ provider: resolved.provider, probeSecret, ingest: options.ingest, publicUrl: () => publicUrl });
    let ingress: TunnelIngress | null = null;
    try {
      if (resolved.provider !== 'relay') {
        ingress = await startTunnelIngress({
          ingest,
          maxBody: options.maxBody,
          headersTimeoutMs: options.headersTimeoutMs,
          requestTimeoutMs: options.requestTimeoutMs,
          log: options.log,
        });
      }
    } catch (error) {
      if (generation === mine) update({ type: 'report', report: { state: 'failed', error: asTunnelError(error) }, lastUrl: null });
      return model.status;
    }
    if (generation !== mine) {
      await ingress?.close(0);
      throw superseded();
    }
    const prober = createProber({
      ...options.probe,
      probe: () => sendProbe({ url: model.status.url ?? '', secret: probeSecret, timeoutMs: probeTimeoutMs, ca: relayCa }),
      onResult: (probe, settling) => {
        if (mine === generation) update({ type: 'probe', probe, settling });
      },
    });
    let current: Run | null = null;
    // A drain of thousands of queued requests is one status change every 250 ms, not one per request.
    const relayQueue = batchedQueueEvents((event) => {
      if (mine === generation) update({ type: 'relay_queue', event });
    });
    const context: ProviderContext = {
      target: ingress ? { host: ingress.host, port: ingress.port, url: ingress.url } : { host: '127.0.0.1', port: 0, url: '' },
      ingest,
      maxBody: options.maxBody,
      dataDir: options.dataDir,
      log: (line) => options.log(`tunnel (${resolved.provider}): ${line}`),
      report: (report) => {
        if (report.state === 'online') publicUrl = report.url;
        if (current) onReport(current, report);
      },
    };
    const provider = (options.createProvider ?? createProvider)(resolved, context, {
      retry: options.retry,
      clientName: options.clientName,
      relayCa,
      onRelayIdentity: (identity) => {
        if (mine !== generation) return;
        void save({
          ...saved,
          relay: { ...saved.relay, tunnel_id: identity.tunnelId, resume: identity.resume, url: identity.url, host_url: identity.hostUrl },
        });
      },
      onRelayQueue: relayQueue,
      onLocaltunnelSubdomain: (subdomain) => {
        if (mine !== generation) return;
        void save({ ...saved, localtunnel: { ...saved.localtunnel, subdomain } });
      },
    });
    const fresh: Run = { generation: mine, provider, ingress, prober, lastUrl: plan.lastUrl };
    current = run = fresh;

    // The answer waits for the first attempt, and when it brought a URL, for the probe to prove or disprove it.
    const started = provider.start().catch((error: unknown) => {
      if (mine === generation) update({ type: 'report', report: { state: 'failed', error: asTunnelError(error) }, lastUrl: null });
    });
    await Promise.race([started, new Promise((r) => setTimeout(r, URL_ARRIVAL_TIMEOUT_MS + 5_000).unref())]);
    await waitFor(
      () => mine !== generation || model.status.status !== 'starting' || !model.providerOnline,
      options.probe.settleMs + probeTimeoutMs + 2_000,
    );
    return model.status;
  };

  /** A connect at start that cannot go ahead (bad saved settings or flags) shows as failed with its reason. */
  const connectInBackground = (input: TunnelConnect) => {
    connect(input).catch((error: unknown) => {
      options.log(`tunnel: ${(error as Error).message}`);
      if (isHookbenchError(error) && error.code === 'tunnel_superseded') return;
      const provider = connectRequest(input, saved, config).provider;
      update({ type: 'start', provider, relay: null, tunnelId: null });
      update({ type: 'report', report: { state: 'failed', error: asTunnelError(error) }, lastUrl: null });
    });
  };

  return {
    start() {
      const fromFlags = startupConnect(config);
      if (fromFlags) return connectInBackground(fromFlags);
      if (saved.enabled && saved.provider) connectInBackground({ provider: saved.provider });
    },
    status: () => model.status,
    publicUrl: () => (model.status.status === 'offline' || model.status.status === 'failed' ? null : model.status.url),
    connect,
    async disconnect() {
      const stopping = run;
      run = null;
      generation += 1;
      await stopRun(stopping, SWITCH_GRACE_MS, true);
      update({ type: 'stop' });
      await save({ ...saved, enabled: false });
      return model.status;
    },
    async probe() {
      const current = run;
      if (current && model.providerOnline) await current.prober.probeNow();
      return model.status;
    },
    settings() {
      const explicitCloudflared = saved.cloudflare.cloudflared ?? config.cloudflared ?? null;
      const ngrokToken = saved.ngrok.authtoken ?? config.ngrokAuthtoken ?? config.ngrokAuthtokenEnv ?? null;
      return {
        provider: saved.provider,
        relay: {
          relay: saved.relay.relay ?? config.relayUrl ?? null,
          token_set: Boolean(saved.relay.token ?? config.relayToken),
          name: saved.relay.tunnel_id,
        },
        cloudflare: {
          cloudflared: saved.cloudflare.cloudflared,
          found: foundCloudflared(explicitCloudflared, options.dataDir),
          download_available: cloudflaredDownloadAvailable(),
        },
        ngrok: {
          authtoken: maskSecret(ngrokToken),
          authtoken_source: saved.ngrok.authtoken ? 'settings' : ngrokToken ? 'env' : null,
          domain: saved.ngrok.domain ?? config.ngrokDomain ?? null,
        },
        localtunnel: {
          host: saved.localtunnel.host ?? config.ltHost ?? DEFAULT_LOCALTUNNEL_HOST,
          subdomain: saved.localtunnel.subdomain ?? config.ltSubdomain ?? null,
        },
      };
    },
    async downloadCloudflared() {
      const ca = config.cloudflaredDownloadCaFile
        ? [readPem(config.cloudflaredDownloadCaFile, 'download_ca_unreadable', 'HOOKBENCH_CLOUDFLARED_DOWNLOAD_CA')]
        : undefined;
      return downloadCloudflared({ dataDir: options.dataDir, baseUrl: config.cloudflaredDownloadUrl, ca });
    },
    async stop(graceMs) {
      const stopping = run;
      run = null;
      generation += 1;
      await stopRun(stopping, graceMs, false);
      await writer.flushed();
    },
  };
}
