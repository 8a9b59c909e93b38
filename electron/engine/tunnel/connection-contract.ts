import type { Welcome } from '../../../shared/tunnel-protocol.js';
import type { Ingest } from '../receiver/ingest.js';

// What a tunnel connection is opened with and the handle it gives back: the handshake
// (tunnel-connection.ts) and the stream multiplexer it hands over to (stream-multiplexer.ts) both speak it.

export interface ConnectionOptions {
  relay: string;
  token: string;
  tunnelId: string | null;
  resume: string | null;
  ca?: string;
  ingest: Ingest;
  maxBody: number;
  /** Our per-stream receive window. */
  window: number;
  /** Streams allowed to receive beyond their first window at once (large bodies in memory). */
  maxLargeBodies: number;
  /** Streams the relay may have open on this connection; more are refused. */
  maxStreams: number;
  handshakeTimeoutMs: number;
  clientName: string;
  /** What the relay says about its queue for this tunnel, and each queued request acknowledged. */
  onQueueEvent?: (event: RelayQueueEvent) => void;
  log: (line: string) => void;
}

export type RelayQueueEvent =
  /** Right after the welcome: requests waiting on the relay (they come first), and what it dropped since it last said. */
  | { type: 'notice'; waiting: number; droppedExpired: number; refusedFull: number }
  /** Queued requests acknowledged: stored now, or (duplicates) stored before. */
  | { type: 'delivered'; stored: number; duplicates: number };

export interface ConnectionEnd {
  code: number;
  reason: string;
}

export interface TunnelConnection {
  welcome: Welcome;
  /** Settles when the connection is gone, however it ended. */
  ended: Promise<ConnectionEnd>;
  /**
   * Asks the relay for no new requests, lets open ones finish (up to graceMs), then closes.
   * `switchedOff`: the user turned the tunnel off, so the relay refuses its senders meanwhile
   * (otherwise the app is only away, and the relay holds or queues them).
   */
  close(graceMs: number, switchedOff?: boolean): Promise<void>;
}
