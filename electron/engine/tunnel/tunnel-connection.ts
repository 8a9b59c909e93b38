import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { HookbenchError } from '../../../shared/errors.js';
import {
  FEATURE_QUEUED,
  MAX_MESSAGE_BYTES,
  TUNNEL_PROTOCOL_VERSION,
  TUNNEL_SUBPROTOCOL,
  type ClientFrame,
} from '../../../shared/tunnel-protocol.js';
import type { ConnectionOptions, TunnelConnection } from './connection-contract.js';
import { tunnelEndpoint } from '../../../shared/tunnel/relay-endpoint.js';
import { readRelayFrame } from './relay-frame-reader.js';
import { serveStreams } from './stream-multiplexer.js';

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
      const frame = isBinary ? null : readRelayFrame(data);
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
