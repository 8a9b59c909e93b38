import type { LiveMessage } from '../../../../shared/api/live.js';
import type {
  CloudflaredDownload,
  ProviderConnect,
  TunnelConnect,
  TunnelSettingsView,
  TunnelStatus,
  TunnelUrlChange,
} from '../../../../shared/api/tunnel-routes.js';
import { animationFrameScheduler, FrameBatchQueue, type FrameScheduler } from '../common/frame-batch-queue.js';
import { connectBodyProblem } from './tunnel-draft.js';
import { isNewerStatus, latestUrlChange, tunnelUrlChanged } from './tunnel-status-view.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export type TunnelLiveMessage = Extract<LiveMessage, { type: 'tunnel.status' }>;

export interface TunnelSource {
  getTunnel(): Promise<TunnelStatus>;
  connectTunnel(body: TunnelConnect): Promise<TunnelStatus>;
  disconnectTunnel(): Promise<TunnelStatus>;
  probeTunnel(): Promise<TunnelStatus>;
  getTunnelSettings(): Promise<TunnelSettingsView>;
  downloadCloudflared(): Promise<CloudflaredDownload>;
}

/** Where the last dismissed URL change is remembered, so a reload does not bring its banner back. */
export interface DismissalMemory {
  read(): string | null;
  write(at: string): void;
}

export type CloudflaredDownloadState =
  { state: 'idle' } | { state: 'busy' } | { state: 'done'; result: CloudflaredDownload } | { state: 'failed'; error: string };

export interface TunnelSnapshot {
  /** null until the first GET /api/tunnel answers. */
  status: TunnelStatus | null;
  /** What the engine remembers per provider (secrets masked); null until read, or when it cannot be read. */
  settings: TunnelSettingsView | null;
  settingsError: string | null;
  /** A request of ours is in flight. */
  pending: 'connect' | 'disconnect' | 'probe' | null;
  /** The engine's refusal of our own request (a bad host…), verbatim; the tunnel's own error is in status.error. */
  requestError: string | null;
  download: CloudflaredDownloadState;
  /** The latest change of the public URL, from the status or a `tunnel.url_changed` event. */
  urlChange: TunnelUrlChange | null;
  /** `at` of the change whose banner was dismissed. */
  dismissedUrlChangeAt: string | null;
}

function withoutType(message: TunnelLiveMessage): TunnelStatus {
  const { type: _type, ...status } = message;
  return status;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The tunnel as the engine reports it (GET /api/tunnel and the live feed), its saved settings, and the UI's requests. */
export class TunnelStore extends SnapshotStore<TunnelSnapshot> {
  protected snapshot: TunnelSnapshot;
  // The feed may send a burst (every probe, every retry): one apply and one render per frame.
  private readonly liveQueue: FrameBatchQueue<TunnelStatus>;

  constructor(
    private readonly source: TunnelSource,
    /** Called when the public URL changed (a new URL, or none): the inboxes' tunnel URLs changed too. */
    private readonly onUrlChange: () => void = () => undefined,
    private readonly dismissals: DismissalMemory = { read: () => null, write: () => undefined },
    scheduler: FrameScheduler = animationFrameScheduler,
  ) {
    super();
    this.snapshot = {
      status: null,
      settings: null,
      settingsError: null,
      pending: null,
      requestError: null,
      download: { state: 'idle' },
      urlChange: null,
      dismissedUrlChangeAt: dismissals.read(),
    };
    this.liveQueue = new FrameBatchQueue((batch) => batch.forEach((status) => this.apply(status)), scheduler);
  }

  async load(): Promise<void> {
    await Promise.all([this.loadStatus(), this.loadSettings()]);
  }

  async loadSettings(): Promise<void> {
    try {
      // Awaited before the spread, so a status applied meanwhile is kept.
      const settings = await this.source.getTunnelSettings();
      this.set({ ...this.snapshot, settings, settingsError: null });
    } catch (error) {
      this.set({ ...this.snapshot, settingsError: message(error) });
    }
  }

  /** Connects with one provider; the engine remembers the choice and its settings, so they are read again after. */
  async connect(body: ProviderConnect): Promise<boolean> {
    const problem = connectBodyProblem(body);
    if (problem) {
      this.set({ ...this.snapshot, requestError: problem });
      return false;
    }
    const sent = await this.run('connect', () => this.source.connectTunnel(body));
    await this.loadSettings();
    return sent;
  }

  async disconnect(): Promise<void> {
    await this.run('disconnect', () => this.source.disconnectTunnel());
  }

  /** Sends a probe through the public URL now; the answer carries its result. */
  async probe(): Promise<void> {
    await this.run('probe', () => this.source.probeTunnel());
  }

  async downloadCloudflared(): Promise<void> {
    this.set({ ...this.snapshot, download: { state: 'busy' } });
    try {
      const result = await this.source.downloadCloudflared();
      this.set({ ...this.snapshot, download: { state: 'done', result } });
      // The settings say which cloudflared a connect would run: now the downloaded one.
      await this.loadSettings();
    } catch (error) {
      this.set({ ...this.snapshot, download: { state: 'failed', error: message(error) } });
    }
  }

  receive(message: TunnelLiveMessage): void {
    this.liveQueue.push(withoutType(message));
  }

  /** A `tunnel.url_changed` event: the banner shows it even before the status that carries it arrives. */
  receiveUrlChange(change: TunnelUrlChange): void {
    const urlChange = latestUrlChange(this.snapshot.urlChange, change);
    if (urlChange !== this.snapshot.urlChange) this.set({ ...this.snapshot, urlChange });
  }

  dismissUrlChange(at: string): void {
    this.dismissals.write(at);
    this.set({ ...this.snapshot, dismissedUrlChangeAt: at });
  }

  private async loadStatus(): Promise<void> {
    try {
      this.apply(await this.source.getTunnel());
    } catch (error) {
      this.set({ ...this.snapshot, requestError: message(error) });
    }
  }

  private async run(kind: 'connect' | 'disconnect' | 'probe', call: () => Promise<TunnelStatus>): Promise<boolean> {
    this.set({ ...this.snapshot, pending: kind, requestError: null });
    try {
      const status = await call();
      this.set({ ...this.snapshot, pending: null });
      this.apply(status);
      return true;
    } catch (error) {
      this.set({ ...this.snapshot, pending: null, requestError: message(error) });
      return false;
    }
  }

  private apply(status: TunnelStatus): void {
    const previous = this.snapshot.status;
    if (!isNewerStatus(previous, status)) return;
    this.set({ ...this.snapshot, status, urlChange: latestUrlChange(this.snapshot.urlChange, status.url_change) });
    if (tunnelUrlChanged(previous, status)) this.onUrlChange();
  }

  private set(snapshot: TunnelSnapshot): void {
    this.snapshot = snapshot;
    this.notify();
  }
}
