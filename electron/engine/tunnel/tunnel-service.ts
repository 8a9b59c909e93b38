import { readFileSync } from 'node:fs';
import type { TunnelConnect, TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { EngineEvents } from '../events.js';
import type { Ingest } from '../receiver/ingest.js';
import type { BackoffSettings } from './reconnect-backoff.js';
import { normalizeRelayUrl, relayUrlProblem } from './relay-endpoint.js';
import { startTunnelClient, type TunnelClient, type TunnelIdentity } from './tunnel-client.js';
import { createTunnelStateWriter, readTunnelState, type TunnelState } from './tunnel-state-file.js';

export interface TunnelServiceOptions {
  dataDir: string;
  ingest: Ingest;
  events: EngineEvents;
  maxBody: number;
  /** From --relay / HOOKBENCH_RELAY_URL: connect at start. */
  relay: string | null;
  token: string | null;
  /** PEM file of a CA to trust for the relay's certificate (a self-hosted relay with a private CA). */
  caFile: string | null;
  retry: BackoffSettings;
  clientName: string;
  log(line: string): void;
}

export interface TunnelService {
  /** Connects at start when a relay is configured, or when the app was connected when it last ran. */
  start(): void;
  status(): TunnelStatus;
  /** The public base URL while the tunnel is on (online or coming back), else null. */
  publicUrl(): string | null;
  connect(input?: TunnelConnect): Promise<TunnelStatus>;
  disconnect(): Promise<TunnelStatus>;
  stop(graceMs: number): Promise<void>;
}

const FIRST_ATTEMPT_WAIT_MS = 15_000;

function notConfigured(): HookbenchError {
  return new HookbenchError(
    'relay_not_configured',
    'No relay is configured: send {"relay": "https://relay.example.com", "token": "…"} or start with --relay and --relay-token.',
    400,
  );
}
const SWITCH_GRACE_MS = 2_000;

function identityOf(state: TunnelState): TunnelIdentity {
  return { tunnelId: state.tunnel_id, resume: state.resume, url: state.url, hostUrl: state.host_url };
}

/** The engine's tunnel: settings and id kept in the data dir, one client at a time, status on the live feed. */
export function createTunnelService(options: TunnelServiceOptions): TunnelService {
  const writer = createTunnelStateWriter(options.dataDir, options.log);
  const save = writer.save;
  let state = readTunnelState(options.dataDir);
  let client: TunnelClient | null = null;
  let offlineSince = new Date().toISOString();
  /** Bumped whenever the client is replaced or dropped, so a stopping client's callbacks are ignored. */
  let generation = 0;

  const offlineStatus = (): TunnelStatus => ({
    provider: 'relay',
    status: 'offline',
    url: null,
    url_stable: true,
    probe: null,
    url_change: null,
    host_url: null,
    relay: state.relay,
    tunnel_id: state.tunnel_id,
    since: offlineSince,
    attempt: 0,
    next_attempt_at: null,
    error: null,
  });
  const emit = (status: TunnelStatus) => options.events.emit({ type: 'tunnel.status', ...status });

  const readCa = (): string | undefined => {
    if (!options.caFile) return undefined;
    try {
      return readFileSync(options.caFile, 'utf8');
    } catch (error) {
      throw new HookbenchError(
        'relay_ca_unreadable',
        `Cannot read the relay CA file ${options.caFile} (${(error as NodeJS.ErrnoException).code ?? error}); fix --relay-ca.`,
        400,
      );
    }
  };

  const connect = async (body: TunnelConnect = {}): Promise<TunnelStatus> => {
    if ('provider' in body && body.provider !== 'relay')
      throw new HookbenchError('provider_unavailable', `The ${body.provider} provider is not available in this build yet.`, 400);
    const input = body as { relay?: string; token?: string; name?: string };
    const given = input.relay ?? state.relay ?? options.relay;
    if (!given) throw notConfigured();
    const problem = relayUrlProblem(given);
    if (problem) throw new HookbenchError('invalid_relay_url', `relay ${problem}.`, 400);
    const relay = normalizeRelayUrl(given);
    const token = input.token ?? (relay === state.relay ? state.token : null) ?? options.token;
    if (!token) throw notConfigured();
    const ca = readCa();
    const sameRelay = relay === state.relay && token === state.token;
    let identity: TunnelIdentity = sameRelay ? identityOf(state) : { tunnelId: null, resume: null, url: null, hostUrl: null };
    if (input.name && input.name !== identity.tunnelId) identity = { tunnelId: input.name, resume: null, url: null, hostUrl: null };

    const mine = ++generation;
    const previous = client;
    client = null;
    await previous?.stop(SWITCH_GRACE_MS);
    if (generation !== mine)
      throw new HookbenchError('tunnel_superseded', 'Another connect or disconnect request came in meanwhile; check GET /api/tunnel.', 409);
    state = {
      relay,
      token,
      tunnel_id: identity.tunnelId,
      resume: identity.resume,
      url: identity.url,
      host_url: identity.hostUrl,
      enabled: true,
    };
    void save(state);
    const current = startTunnelClient({
      relay,
      token,
      identity,
      ca,
      ingest: options.ingest,
      maxBody: options.maxBody,
      retry: options.retry,
      clientName: options.clientName,
      log: options.log,
      onIdentity: (next) => {
        if (generation !== mine) return;
        state = { ...state, tunnel_id: next.tunnelId, resume: next.resume, url: next.url, host_url: next.hostUrl };
        void save(state);
      },
      onStatus: (status) => {
        if (generation === mine) emit(status);
      },
    });
    client = current;
    await Promise.race([current.firstAttempt, new Promise((r) => setTimeout(r, FIRST_ATTEMPT_WAIT_MS).unref())]);
    return current.status;
  };

  return {
    start() {
      const fromConfig = options.relay !== null && options.token !== null;
      if (!fromConfig && !state.enabled) return;
      const input = fromConfig ? { relay: options.relay!, token: options.token! } : {};
      connect(input).catch((error: unknown) => {
        options.log(`tunnel: ${(error as Error).message}`);
        emit({
          ...offlineStatus(),
          error: { code: (error as HookbenchError).code ?? 'tunnel_failed', message: (error as Error).message, fix: null },
        });
      });
    },
    status: () => client?.status ?? offlineStatus(),
    publicUrl: () => client?.status.url ?? null,
    connect,
    async disconnect() {
      const stopping = client;
      client = null;
      generation += 1;
      await stopping?.stop(SWITCH_GRACE_MS);
      offlineSince = new Date().toISOString();
      state = { ...state, enabled: false };
      await save(state);
      const status = offlineStatus();
      emit(status);
      return status;
    },
    async stop(graceMs) {
      const stopping = client;
      client = null;
      await stopping?.stop(graceMs);
      await writer.flushed();
    },
  };
}
