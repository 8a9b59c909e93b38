import type { LiveMessage } from '../../../shared/api/live.js';
import type { TunnelConnect, TunnelStatus } from '../../../shared/api/tunnel-routes.js';

export type TunnelLiveMessage = Extract<LiveMessage, { type: 'tunnel.status' }>;
export type TunnelTone = 'offline' | 'busy' | 'online' | 'warning';

export interface TunnelSource {
  getTunnel(): Promise<TunnelStatus>;
  connectTunnel(body: TunnelConnect): Promise<TunnelStatus>;
  disconnectTunnel(): Promise<TunnelStatus>;
}

export interface TunnelSnapshot {
  /** null until the first GET /api/tunnel answers. */
  status: TunnelStatus | null;
  /** A connect/disconnect request is in flight. */
  pending: 'connect' | 'disconnect' | null;
  /** The engine's refusal of our own request (bad relay URL…), verbatim; the tunnel's own error is in status.error. */
  requestError: string | null;
}

/** What the pill says: a tone (colour), a word, and the detail a screen reader and the tooltip get. */
export interface TunnelPillView {
  tone: TunnelTone;
  label: string;
  detail: string;
}

/** "in 1.2s", "in 25s", "in 3m", or "now" once the time has passed. */
export function formatRetryIn(nextAttemptAt: string | null, now: number): string | null {
  if (!nextAttemptAt) return null;
  const ms = Date.parse(nextAttemptAt) - now;
  if (Number.isNaN(ms)) return null;
  if (ms <= 0) return 'now';
  if (ms < 10_000) return `in ${(Math.ceil(ms / 100) / 10).toFixed(1)}s`;
  if (ms < 120_000) return `in ${Math.ceil(ms / 1000)}s`;
  return `in ${Math.ceil(ms / 60_000)}m`;
}

export function tunnelPillView(status: TunnelStatus | null, now: number): TunnelPillView {
  if (!status) return { tone: 'offline', label: 'Tunnel…', detail: 'Reading the tunnel status' };
  switch (status.status) {
    case 'offline':
      return { tone: 'offline', label: 'Tunnel offline', detail: 'No public URL. Click to connect to a relay.' };
    case 'starting':
      return { tone: 'busy', label: 'Tunnel connecting…', detail: `Connecting to ${status.relay ?? 'the relay'}` };
    case 'degraded':
      return {
        tone: 'warning',
        label: 'Tunnel degraded',
        detail: `Public URL ${status.url ?? ''} does not answer${status.error ? ` (${status.error.code})` : ''}`,
      };
    case 'failed':
      return {
        tone: 'warning',
        label: 'Tunnel failed',
        detail: status.error ? `${status.error.message} ${status.error.fix ?? ''}`.trim() : 'Tunnel failed',
      };
    case 'online':
      return { tone: 'online', label: 'Tunnel online', detail: `Public URL ${status.url ?? ''}`.trim() };
    case 'reconnecting': {
      const retry = formatRetryIn(status.next_attempt_at, now);
      const why = status.error ? ` (${status.error.code})` : '';
      return {
        tone: 'warning',
        label: retry ? `Tunnel retrying ${retry}` : 'Tunnel reconnecting…',
        detail: `Reconnecting to ${status.relay ?? 'the relay'}${why}; attempt ${status.attempt + 1}${retry ? `, next ${retry}` : ''}`,
      };
    }
  }
}

/** The connect body: blank fields are left out so the engine falls back to --relay/--relay-token or the last connection. */
export function connectBody(relay: string, token: string): TunnelConnect {
  const body: { relay?: string; token?: string } = {};
  const r = relay.trim();
  const t = token.trim();
  if (r) body.relay = r.replace(/\/+$/, '');
  if (t) body.token = t;
  return body;
}

/** Whether inboxes must be read again: their `urls.tunnel` follow the tunnel's public URL. */
export function tunnelUrlChanged(previous: TunnelStatus | null, next: TunnelStatus): boolean {
  return (previous?.url ?? null) !== next.url || (previous?.host_url ?? null) !== next.host_url;
}

function withoutType(message: TunnelLiveMessage): TunnelStatus {
  const { type: _type, ...status } = message;
  return status;
}

/** The tunnel's status, from GET /api/tunnel and every live `tunnel.status`; connect/disconnect from the UI. */
export class TunnelStore {
  private snapshot: TunnelSnapshot = { status: null, pending: null, requestError: null };
  private listeners = new Set<() => void>();

  constructor(
    private readonly source: TunnelSource,
    /** Called when the public URL changed (online with a new URL, or offline): the inboxes' tunnel URLs changed too. */
    private readonly onUrlChange: () => void = () => undefined,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TunnelSnapshot => this.snapshot;

  async load(): Promise<void> {
    try {
      this.apply(await this.source.getTunnel());
    } catch (error) {
      this.set({ ...this.snapshot, requestError: message(error) });
    }
  }

  async connect(relay: string, token: string): Promise<void> {
    await this.run('connect', () => this.source.connectTunnel(connectBody(relay, token)));
  }

  async disconnect(): Promise<void> {
    await this.run('disconnect', () => this.source.disconnectTunnel());
  }

  receive(message: TunnelLiveMessage): void {
    this.apply(withoutType(message));
  }

  private async run(kind: 'connect' | 'disconnect', call: () => Promise<TunnelStatus>): Promise<void> {
    this.set({ ...this.snapshot, pending: kind, requestError: null });
    try {
      const status = await call();
      this.set({ ...this.snapshot, pending: null });
      this.apply(status);
    } catch (error) {
      this.set({ ...this.snapshot, pending: null, requestError: message(error) });
    }
  }

  /** Statuses from the answer and the feed may cross; the one that entered its state last wins. */
  private apply(status: TunnelStatus): void {
    const previous = this.snapshot.status;
    if (previous && Date.parse(status.since) < Date.parse(previous.since)) return;
    this.set({ ...this.snapshot, status });
    if (tunnelUrlChanged(previous, status)) this.onUrlChange();
  }

  private set(snapshot: TunnelSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
