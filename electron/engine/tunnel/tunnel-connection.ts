import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { HookbenchError } from '../../../shared/errors.js';
import {
  FEATURE_QUEUED,
  MAX_MESSAGE_BYTES,
  RelayFrame,
  TUNNEL_PROTOCOL_VERSION,
  TUNNEL_SUBPROTOCOL,
  type ClientFrame,
  type Welcome,
} from '../../../shared/tunnel-protocol.js';
import type { Ingest } from '../receiver/ingest.js';
import { tunnelEndpoint } from './relay-endpoint.js';
import { safeJson, serveStreams } from './stream-multiplexer.js';

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

/** A failed connection attempt, with a code the status shows (unauthorized, tunnel_id_in_use, ECONNREFUSED…). */
export class TunnelConnectError extends HookbenchError {}

function errorFromUpgrade(res: IncomingMessage, body: string): TunnelConnectError {
  let parsed: { error?: unknown; message?: unknown } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // Not the relay's JSON: a proxy or another server answered.
  }
  const code = typeof parsed.error === 'string' ? parsed.error : `http_${res.statusCode}`;
  const message =
    typeof parsed.message === 'string'
      ? parsed.message
      : `The relay answered ${res.statusCode} instead of accepting the tunnel; check the relay URL (is it a Hookbench relay?).`;
  return new TunnelConnectError(code, message, 502);
}

function errorFromSocket(error: NodeJS.ErrnoException): TunnelConnectError {
  const code = error.code ?? 'connection_failed';
  const hint = /CERT|SIGNATURE|SELF_SIGNED|ALTNAME/.test(code)
    ? ' — if the relay uses a private CA, pass its certificate with --relay-ca'
    : '';
  return new TunnelConnectError(code, `Cannot reach the relay: ${error.message}${hint}`, 502);
}

/** Opens one WebSocket to the relay, does the handshake, then serves streams until it closes. */
export function openTunnelConnection(options: ConnectionOptions): Promise<TunnelConnection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(tunnelEndpoint(options.relay), [TUNNEL_SUBPROTOCOL], {
      headers: { Authorization: `Bearer ${options.token}` },
      perMessageDeflate: false,
      maxPayload: MAX_MESSAGE_BYTES,
      handshakeTimeout: options.handshakeTimeoutMs,
      ca: options.ca,
    });
    let settled = false;
    const fail = (error: TunnelConnectError) => {
      if (settled) return;
      settled = true;
      clearTimeout(helloTimer);
      ws.terminate();
      reject(error);
    };
    const helloTimer = setTimeout(
      () =>
        fail(new TunnelConnectError('handshake_timeout', 'The relay accepted the connection but did not welcome the tunnel in time.', 504)),
      options.handshakeTimeoutMs,
    );

    ws.on('unexpected-response', (req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk.slice(0, 4096)));
      res.on('end', () => fail(errorFromUpgrade(res, body)));
      res.on('error', () => fail(errorFromUpgrade(res, body)));
      req.on('error', () => undefined);
    });
    ws.on('error', (error: NodeJS.ErrnoException) => fail(errorFromSocket(error)));
    ws.on('close', (code, reason) =>
      fail(
        new TunnelConnectError(
          'connection_closed',
          `The relay closed the connection during the handshake (${code} ${reason.toString()}).`,
          502,
        ),
      ),
    );
    ws.on('open', () => {
      const hello: ClientFrame = {
        type: 'hello',
        version: TUNNEL_PROTOCOL_VERSION,
        window: options.window,
        client: options.clientName,
        features: [FEATURE_QUEUED],
        ...(options.tunnelId ? { tunnel_id: options.tunnelId } : {}),
        ...(options.resume ? { resume: options.resume } : {}),
      };
      ws.send(JSON.stringify(hello));
    });
    ws.once('message', (data: Buffer, isBinary: boolean) => {
      const parsed = isBinary ? null : RelayFrame.safeParse(safeJson(data));
      const frame = parsed?.success ? parsed.data : null;
      if (frame?.type === 'refused') return fail(new TunnelConnectError(frame.code, frame.message, 409));
      if (frame?.type !== 'welcome')
        return fail(new TunnelConnectError('bad_welcome', 'The relay did not answer the hello with a welcome.', 502));
      settled = true;
      clearTimeout(helloTimer);
      ws.removeAllListeners('close');
      ws.removeAllListeners('error');
      resolve(serveStreams(ws, frame, options));
    });
  });
}
