import type { TunnelError, TunnelProviderName } from '../../../shared/api/tunnel-routes.js';
import type { Ingest } from '../receiver/ingest.js';

/**
 * The boundary every public-URL provider sits behind (relay, cloudflare, ngrok, localtunnel).
 * A provider only gets a public URL to the local receiver and keeps it up; the tunnel service
 * owns the one status model, the liveness probe, URL-change notices and the saved settings.
 */

/** What a provider tells the service. The service adds the probe's verdict, `since` and the live events. */
export type ProviderReport =
  | { state: 'starting' }
  | {
      state: 'online';
      /** Public base URL, https, no trailing slash. Requests to `<url>/i/<slug>/…` must reach that inbox. */
      url: string;
      /** True when the same URL comes back after a restart of the engine or of the provider. */
      urlStable: boolean;
      /** relay only. */
      hostUrl?: string | null;
      /** relay: its tunnel id; localtunnel: the subdomain granted. */
      tunnelId?: string | null;
    }
  | {
      state: 'reconnecting';
      error: TunnelError;
      /** Failed attempts since it was last online (1 for the first retry). */
      attempt: number;
      /** When the next attempt starts (ms since epoch), or null when it is under way. */
      nextAttemptAt: number | null;
    }
  /** Stopped trying: a retry would not help without the user (missing binary, bad authtoken, refused settings). */
  | { state: 'failed'; error: TunnelError };

export interface ProviderContext {
  /**
   * Loopback HTTP address of the tunnel ingress: requests sent here are stored as `via: "tunnel"`
   * with this provider's name, and probes are answered without being stored. Providers that carry
   * HTTP (cloudflared, ngrok, localtunnel sockets) forward to it.
   */
  target: { host: string; port: number; url: string };
  /** For a provider that carries requests itself (the relay's frames): the same tagging and probe answer. */
  ingest: Ingest;
  maxBody: number;
  dataDir: string;
  log: (line: string) => void;
  /** Called on every state change, in order. */
  report(report: ProviderReport): void;
}

export interface TunnelProvider {
  readonly name: TunnelProviderName;
  /**
   * Starts the provider and keeps it up (reconnecting by itself after a loss) until `stop`.
   * Never rejects for a runtime problem: that is reported. Resolves once the first attempt has
   * settled (online, reconnecting or failed), and at the latest after 30 s, reported as
   * `url_timeout` when no URL came.
   */
  start(): Promise<void>;
  /**
   * Stops for good: closes its sockets, ends any child process, then resolves. Safe to call twice.
   * `switchedOff`: the user turned the tunnel off (not the app quitting); the relay then refuses
   * senders at once instead of holding or queueing them. Other providers have no use for it.
   */
  stop(graceMs: number, switchedOff?: boolean): Promise<void>;
}

/** How long a provider may take to produce a public URL before its attempt counts as failed. */
export const URL_ARRIVAL_TIMEOUT_MS = 30_000;

/** Builds an error in the one shape every provider reports. */
export function tunnelError(code: string, message: string, fix: string | null = null): TunnelError {
  return { code, message, fix };
}
