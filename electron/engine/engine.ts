import { rmSync } from 'node:fs';
import { startApiServer, type ApiServer } from './api/api-server.js';
import { loadOrCreateToken } from './api/token.js';
import { appVersion, defaultRendererDir } from './app-root.js';
import { EngineConfig, type EngineConfigInput } from './config.js';
import { ensureDataDir } from './data-dir.js';
import { ensureDataDirFree, lockDataDir } from './store/data-dir-lock.js';
import { createHandlerChecker, type HandlerChecker } from './check/handler-checker.js';
import { createDispatcher, type Dispatcher } from './dispatch/dispatcher.js';
import { createIntegrationService, type IntegrationService } from './dispatch/integration-service.js';
import { EngineEvents } from './events.js';
import { receiverSelfCheck, type SelfCheck } from './forward/forwarder.js';
import { createExchange } from './outbound/http-exchange.js';
import { createBulkReplays } from './replay/bulk-replay.js';
import { createReplayer } from './replay/replayer.js';
import { createResponder, type Responder } from './responses/responder.js';
import { ensurePortsFree } from './port-check.js';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file.js';
import { createIngest } from './receiver/ingest.js';
import { startReceiver, type Receiver } from './receiver/receiver.js';
import { openStore, type Store } from './store/store.js';
import { ensureTlsMaterial } from './tls/local-ca.js';
import type { ProviderFactory } from './tunnel/provider-registry.js';
import { createTunnelService, type TunnelService } from './tunnel/tunnel-service.js';

export interface EngineInfo {
  version: string;
  dataDir: string;
  apiUrl: string;
  /** Opens the UI and hands it the token once (it trades it for a cookie). */
  uiUrl: string;
  token: string;
  tokenFile: string | null;
  httpUrl: string;
  httpsUrl: string;
  caCertPath: string;
}

export interface Engine {
  start(): Promise<EngineInfo>;
  stop(): Promise<void>;
  readonly store: Store;
  readonly events: EngineEvents;
  /** The InboundFlow sender and the integrations it sends to. */
  readonly dispatch: { dispatcher: Dispatcher; integrations: IntegrationService; checker: HandlerChecker };
  /** The tunnel client: its public URL, connect and disconnect. */
  readonly tunnel: TunnelService;
}

/** Parts a test may swap; the CLI and the desktop app never pass any. */
export interface EngineSeams {
  /** Builds tunnel providers instead of the registry: a stand-in whose public side a test can break. */
  tunnelProviders?: ProviderFactory;
}

/** The whole Hookbench engine; the CLI and the Electron main process both start exactly this. */
export function createEngine(input: EngineConfigInput, log: (line: string) => void = () => {}, seams: EngineSeams = {}): Engine {
  const config = EngineConfig.parse(input);
  const events = new EngineEvents();
  let store: Store | null = null;
  let receiver: Receiver | null = null;
  let api: ApiServer | null = null;
  let dispatch: Engine['dispatch'] | null = null;
  let tunnel: TunnelService | null = null;
  let unlock: (() => void) | null = null;
  let answers: { responder: Responder; stopReplays: () => Promise<void> } | null = null;

  const stop = async () => {
    // The tunnel first: it asks the relay to hold new requests (for the next start) and finishes the open ones.
    await tunnel?.stop(config.shutdownGraceMs);
    tunnel = null;
    // The sender before the receiver: its in-flight attempts end as interrupted rather than failing against our own closing receiver.
    await dispatch?.dispatcher.stop();
    dispatch = null;
    // Bulk replays stop sending first; forwards in flight finish with the receiver's grace period.
    await answers?.stopReplays();
    await receiver?.close(config.shutdownGraceMs);
    await api?.close();
    await answers?.responder.close();
    answers = null;
    removeRuntimeFile(config.dataDir);
    await store?.close();
    unlock?.();
    receiver = api = store = null;
    unlock = null;
  };

  return {
    events,
    get store() {
      if (!store) throw new Error('engine not started');
      return store;
    },
    get tunnel() {
      if (!tunnel) throw new Error('engine not started');
      return tunnel;
    },
    get dispatch() {
      if (!dispatch) throw new Error('engine not started');
      return dispatch;
    },
    async start() {
      // Nothing is written until the engine knows it can run: not held by another engine, its ports free.
      ensureDataDirFree(config.dataDir);
      await ensurePortsFree([
        { host: '127.0.0.1', port: config.apiPort, label: 'control API', flag: '--api-port' },
        { host: config.host, port: config.httpPort, label: 'HTTP receiver', flag: '--http-port' },
        { host: config.host, port: config.httpsPort, label: 'HTTPS receiver', flag: '--https-port' },
      ]);
      const createdDir = ensureDataDir(config.dataDir);
      unlock = lockDataDir(config.dataDir);
      try {
        const version = appVersion();
        const { token, file: tokenFile } = loadOrCreateToken(config.dataDir, config.apiToken);
        const tls = await ensureTlsMaterial(config.dataDir);
        store = openStore(config.dataDir);
        await store.inboxes.ensureDefault();
        store.condition.onChange((status) => events.emit({ type: 'storage.status', ...status }));
        const started = store;
        started.retention.start((inboxId, removed) => {
          events.emit({ type: 'deliveries.removed', inbox_id: inboxId, removed, reason: 'retention' });
        });
        const integrations = createIntegrationService(store, events, config.allowHttpLocalhost);
        const dispatcher = createDispatcher({
          store,
          events,
          integrations,
          allowHttpLocalhost: config.allowHttpLocalhost,
          timeoutMs: config.dispatchTimeoutMs,
          caPems: [tls.caCertPem],
          log,
        });
        const checker = createHandlerChecker({ dispatcher, integrations, inboxes: store.inboxes, caPems: [tls.caCertPem] });
        dispatch = { integrations, dispatcher, checker };
        // Forward-to and replays share one pool of the outgoing exchange: exact bytes out, the whole answer back.
        const exchange = createExchange({ caPems: [tls.caCertPem], answerLimit: { keep: config.maxBody, read: config.maxBody } });
        let isSelf: SelfCheck = () => false;
        const responder = createResponder({ store, events, exchange, isSelf: (url) => isSelf(url), log });
        const replayer = createReplayer({ store, events, exchange });
        const bulk = createBulkReplays({ replayer, pages: store.arrivals, events, log });
        answers = { responder, stopReplays: () => bulk.stop() };
        // One ingest for both transports: a request through the tunnel is captured, routed and answered like a direct one.
        const ingest = createIngest(store, events, responder, { localOrigin: () => receiver?.httpUrl ?? null });
        receiver = await startReceiver(
          {
            host: config.host,
            httpPort: config.httpPort,
            httpsPort: config.httpsPort,
            maxBody: config.maxBody,
            headersTimeoutMs: config.headersTimeoutMs,
            requestTimeoutMs: config.requestTimeoutMs,
            tls: { cert: tls.serverCertPem, key: tls.serverKeyPem },
            log,
          },
          ingest,
        );
        const tunnelService = createTunnelService({
          dataDir: config.dataDir,
          ingest,
          events,
          maxBody: config.maxBody,
          headersTimeoutMs: config.headersTimeoutMs,
          requestTimeoutMs: config.requestTimeoutMs,
          config,
          retry: { baseMs: 250, maxMs: config.tunnelRetryMaxMs },
          probe: { intervalMs: config.tunnelProbeIntervalMs, settleMs: config.tunnelProbeSettleMs, settleRetryMs: 1_000 },
          clientName: `hookbench/${version}`,
          log,
          createProvider: seams.tunnelProviders,
        });
        tunnel = tunnelService;
        const urls = { http: receiver.httpUrl, https: receiver.httpsUrl };
        isSelf = receiverSelfCheck([receiver.httpUrl, receiver.httpsUrl]);
        api = await startApiServer({
          store,
          events,
          version,
          dataDir: config.dataDir,
          startedAt: Date.now(),
          receiverUrls: () => ({ ...urls, tunnel: tunnelService.publicUrl() }),
          port: config.apiPort,
          token,
          rendererDir: config.rendererDir ?? defaultRendererDir(),
          launchCommand: config.launchCommand,
          extraOrigins: config.extraOrigins,
          dispatch,
          tunnel: tunnelService,
          replay: { responder, replayer, bulk },
          log,
        });
        writeRuntimeFile(config.dataDir, {
          apiUrl: `${api.url}/api`,
          pid: process.pid,
          httpUrl: receiver.httpUrl,
          httpsUrl: receiver.httpsUrl,
        });
        tunnelService.start();
        return {
          version,
          dataDir: config.dataDir,
          apiUrl: `${api.url}/api`,
          uiUrl: `${api.url}/#token=${token}`,
          token,
          tokenFile,
          httpUrl: receiver.httpUrl,
          httpsUrl: receiver.httpsUrl,
          caCertPath: tls.caCertPath,
        };
      } catch (error) {
        await stop();
        // A port can still be taken between the check and the listen: a data dir this start made goes again.
        if (createdDir) rmSync(createdDir, { recursive: true, force: true });
        throw error;
      }
    },
    stop,
  };
}
