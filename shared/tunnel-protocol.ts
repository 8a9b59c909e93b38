/**
 * The tunnel protocol between a Hookbench app and a Hookbench relay, one WebSocket per app.
 *
 * 1. The client upgrades `GET /_hookbench/tunnel` with `Authorization: Bearer <token>` and the
 *    subprotocol `hookbench-tunnel.1`; a bad token is refused with 401 before any WebSocket exists.
 * 2. The client sends `hello` (version, the id it wants back, its receive window); the relay
 *    answers `welcome` (id, public URLs, its window, heartbeat interval) or `refused` and closes.
 * 3. The relay opens one stream per public request: a `request` head (JSON text frame, raw
 *    headers as ordered pairs), then the body as binary data frames; the client answers with a
 *    `response` head and data frames on the same stream id. `credit` frames grant more window,
 *    `reset` abandons a stream. WebSocket ping/pong carries the heartbeat.
 */
export * from './tunnel/control-frames.js';
export * from './tunnel/data-frame.js';
export * from './tunnel/stream-window.js';

export const TUNNEL_PROTOCOL_VERSION = 1;
export const TUNNEL_SUBPROTOCOL = `hookbench-tunnel.${TUNNEL_PROTOCOL_VERSION}`;
export const TUNNEL_PATH = '/_hookbench/tunnel';
/** Default per-stream window in each direction. */
export const DEFAULT_STREAM_WINDOW = 256 * 1024;
/** Largest WebSocket message either side accepts (control frames with large header sets included). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const DEFAULT_HEARTBEAT_MS = 10_000;

/** WebSocket close codes the relay and client use besides the standard ones. */
export const CLOSE = {
  /** Standard 1012: the relay is restarting; reconnect soon. */
  relayRestart: 1012,
  refused: 4000,
  protocolError: 4001,
  heartbeatTimeout: 4002,
  /** The same client connected again with its resume secret; this older connection is dropped. */
  replaced: 4003,
  clientStopping: 4004,
} as const;

/** Silence longer than this many heartbeat intervals means the peer is gone. */
export const DEAD_AFTER_INTERVALS = 2.5;
