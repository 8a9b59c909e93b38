import { startApiServer, type ApiServer } from './api/api-server.js';
import { loadOrCreateToken } from './api/token.js';
import { appVersion, defaultRendererDir } from './app-root.js';
import { EngineConfig, type EngineConfigInput } from './config.js';
import { ensureDataDir, lockDataDir } from './data-dir.js';
import { EngineEvents } from './events.js';
import { createIngest } from './receiver/ingest.js';
import { startReceiver, type Receiver } from './receiver/receiver.js';
import { openStore, type Store } from './store/store.js';
import { ensureTlsMaterial } from './tls/local-ca.js';

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
}

/** The whole Hookbench engine; the CLI and the Electron main process both start exactly this. */
export function createEngine(input: EngineConfigInput, log: (line: string) => void = () => {}): Engine {
  const config = EngineConfig.parse(input);
  const events = new EngineEvents();
  let store: Store | null = null;
  let receiver: Receiver | null = null;
  let api: ApiServer | null = null;
  let unlock: (() => void) | null = null;

  const stop = async () => {
    await receiver?.close(config.shutdownGraceMs);
    await api?.close();
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
    async start() {
      ensureDataDir(config.dataDir);
      unlock = lockDataDir(config.dataDir);
      try {
        const version = appVersion();
        const { token, file: tokenFile } = loadOrCreateToken(config.dataDir, config.apiToken);
        const tls = await ensureTlsMaterial(config.dataDir);
        store = openStore(config.dataDir);
        store.inboxes.ensureDefault();
        receiver = await startReceiver(
          {
            host: config.host,
            httpPort: config.httpPort,
            httpsPort: config.httpsPort,
            maxBody: config.maxBody,
            headersTimeoutMs: config.headersTimeoutMs,
            requestTimeoutMs: config.requestTimeoutMs,
            tls: { cert: tls.serverCertPem, key: tls.serverKeyPem },
          },
          createIngest(store, events),
        );
        const urls = { http: receiver.httpUrl, https: receiver.httpsUrl, tunnel: null };
        api = await startApiServer({
          store,
          events,
          version,
          dataDir: config.dataDir,
          startedAt: Date.now(),
          receiverUrls: () => urls,
          port: config.apiPort,
          token,
          rendererDir: config.rendererDir ?? defaultRendererDir(),
          extraOrigins: config.extraOrigins,
          log,
        });
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
        throw error;
      }
    },
    stop,
  };
}
