import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE, MAX_MESSAGE_BYTES, TUNNEL_SUBPROTOCOL } from '../../shared/tunnel-protocol.js';
import { listen, urlHost } from '../engine/listen.js';
import { BufferMeter } from './buffer-meter.js';
import { ForwardedRequest } from './forwarded-request.js';
import { routePublicRequest } from './public-route.js';
import { readRawMethodRequest } from './raw-method-request.js';
import { SeenTunnels } from './known-tunnels.js';
import { QueueDrain } from './queue/queue-drain.js';
import { enqueueRequest, queuedAnswerBody } from './queue/queue-intake.js';
import { RelayQueue } from './queue/relay-queue.js';
import { answerClientError, refuseUpgrade, sendRelayError, sendRelayJson } from './relay-responses.js';
import { RelaySettings, type RelaySettingsInput } from './relay-settings.js';
import { TokenTable, type RelayToken } from './relay-tokens.js';
import { senderFacts } from './sender-facts.js';
import { runHandshake } from './tunnel-handshake.js';
import { TunnelRegistry } from './tunnel-registry.js';
import type { TunnelSession } from './tunnel-session.js';

export interface RelayOptions extends RelaySettingsInput {
  tokens: RelayToken[];
  tls?: { cert: string | Buffer; key: string | Buffer } | null;
  log?: (line: string) => void;
}

export interface RelayStats {
  tunnels: number;
  /** Requests forwarded to an app and not yet answered. */
  streams: number;
  /** Requests waiting for their app to (re)connect. */
  held: number;
  /** Body bytes in the relay's memory now: read from senders and not yet on a tunnel socket, or the reverse. */
  bufferedBytes: number;
  peakBufferedBytes: number;
  /** Streams with body bytes queued and no credit to send them: the app is not keeping up. */
  streamsAwaitingCredit: number;
  /** Heartbeat answers received since start: proof of time passing on idle tunnels. */
  heartbeats: number;
  /** With --queue: requests on disk waiting for their app, across tunnels, and their bytes. */
  queued: number;
  queuedBytes: number;
}

export interface Relay {
  url: string;
  port: number;
  stats(): RelayStats;
  isConnected(id: string): boolean;
  /**
   * Replaces the tokens (SIGHUP with a tokens file). Tunnels of tokens no longer listed are closed;
   * the others stay up. Throws, changing nothing, when the new list is invalid.
   */
  reloadTokens(tokens: RelayToken[]): { tokens: number; closedTunnels: number };
  /** Stops taking requests, lets forwarded ones finish (up to drainMs), then closes every tunnel. */
  close(): Promise<void>;
}

function bearer(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
}

/** `hookbench relay`: public HTTP(S) in, one WebSocket per app out. No database. */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const settings = RelaySettings.parse(options);
  const log = options.log ?? (() => undefined);
  const tokens = new TokenTable(options.tokens);
  const meter = new BufferMeter();
  const queues = settings.queueDir
    ? RelayQueue.open({ dir: settings.queueDir, maxBytes: settings.queueMaxBytes, maxAgeMs: settings.queueMaxAge, log })
    : null;
  const registry = new TunnelRegistry(
    tokens,
    settings,
    queues ?? new SeenTunnels(tokens),
    queues && {
      queues,
      enqueue: (request) =>
        void enqueueRequest(request, { queues, status: settings.queueStatus, meter, maxIntakeBytes: settings.queueIntakeBytes }),
      drain: (queue, session, onIdle) =>
        new QueueDrain(queue, session, {
          window: settings.drainWindow,
          windowBytes: settings.drainWindowBytes,
          retryMs: settings.drainRetryMs,
          answerOf: (request) => ({ status: settings.queueStatus, body: queuedAnswerBody(request.id) }),
          onIdle,
          log,
        }),
    },
  );
  const tls = Boolean(options.tls);
  let closing = false;
  let heartbeats = 0;
  let forwarding = 0;
  let drained: (() => void) | null = null;
  const sessions = new Set<TunnelSession>();
  const sockets = new Set<WebSocket>();

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const facts = senderFacts(req.headers, req.socket, settings.trustProxy);
    const route = routePublicRequest(facts.host, req.url ?? '/', settings.domain);
    if (route.kind === 'health') return sendRelayJson(res, 200, { ok: true, tunnels: registry.sessions().length });
    if (route.kind === 'tunnel_endpoint') {
      return sendRelayError(res, 426, 'upgrade_required', 'This path only accepts WebSocket connections from Hookbench tunnel clients.');
    }
    if (route.kind === 'not_found') {
      return sendRelayError(res, 404, 'not_found', 'No tunnel here. Tunnel URLs look like /t/<id>/… on this relay.', { close: true });
    }
    if (closing) {
      return sendRelayError(res, 503, 'relay_restarting', 'The relay is restarting; nothing was delivered. Retry in a moment.', {
        close: true,
        retryAfterSeconds: 2,
      });
    }
    const request = new ForwardedRequest(req, res, route.id, route.target, facts, {
      maxBody: settings.maxBody,
      meter,
      onFinished: (done) => {
        registry.release(done);
        forwarding -= 1;
        if (forwarding === 0) drained?.();
      },
    });
    forwarding += 1;
    if (request.contentLength !== null && request.contentLength > settings.maxBody) {
      return request.fail(
        413,
        'body_too_large',
        `The request body is larger than this relay's limit of ${settings.maxBody} bytes; nothing was delivered.`,
      );
    }
    registry.accept(request);
  };

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has(TUNNEL_SUBPROTOCOL) ? TUNNEL_SUBPROTOCOL : false),
  });

  let fallbackOrigin = '';
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const facts = senderFacts(req.headers, socket as { remoteAddress?: string; encrypted?: boolean }, settings.trustProxy);
    const route = routePublicRequest(facts.host, req.url ?? '/', settings.domain);
    if (route.kind !== 'tunnel_endpoint') {
      return refuseUpgrade(socket, 404, 'Not Found', 'not_found', 'WebSocket connections are only accepted on the tunnel endpoint.');
    }
    if (closing)
      return refuseUpgrade(socket, 503, 'Service Unavailable', 'relay_restarting', 'The relay is restarting; connect again in a moment.');
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes(TUNNEL_SUBPROTOCOL)) {
      return refuseUpgrade(
        socket,
        426,
        'Upgrade Required',
        'unsupported_version',
        `This relay speaks ${TUNNEL_SUBPROTOCOL}; update Hookbench or the relay.`,
      );
    }
    const token = tokens.authenticate(bearer(req));
    if (!token) {
      return refuseUpgrade(
        socket,
        401,
        'Unauthorized',
        'unauthorized',
        'Missing or wrong relay token; use a token the relay operator gave you.',
      );
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.once('close', () => sockets.delete(ws));
      runHandshake(ws, token, facts, {
        settings,
        registry,
        fallbackOrigin,
        isClosing: () => closing,
        onSession: (session) => {
          sessions.add(session);
          ws.once('close', () => {
            heartbeats += session.pongs;
            sessions.delete(session);
          });
        },
        log,
      });
    });
  };

  const serverOptions: http.ServerOptions = {
    headersTimeout: settings.headersTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(settings.headersTimeoutMs / 4))),
  };
  const server = options.tls
    ? https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, onRequest)
    : http.createServer(serverOptions, onRequest);
  // No half-open senders: a sender that closes its side has given up (a timeout, an abort), and its
  // request is dropped in the app too (see ForwardedRequest), which a hung app would otherwise keep forever.
  server.on('upgrade', onUpgrade);
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // Methods Node's parser does not know (the direct receiver takes them too): read them ourselves.
    if (error.code === 'HPE_INVALID_METHOD' && error.rawPacket && !closing) {
      return readRawMethodRequest(
        socket as Socket,
        error.rawPacket,
        { maxBody: settings.maxBody, timeoutMs: settings.requestTimeoutMs },
        onRequest,
      );
    }
    answerClientError(error, socket);
  });

  const port = await listen(server, settings.port, settings.host, 'relay', '--port');
  const url = `${tls ? 'https' : 'http'}://${urlHost(settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host)}:${port}`;
  fallbackOrigin = settings.publicUrl ?? url;

  const heartbeat = setInterval(() => {
    for (const session of sessions) session.heartbeat();
  }, settings.heartbeatMs);
  heartbeat.unref();

  return {
    url,
    port,
    isConnected: (id) => registry.isConnected(id),
    stats() {
      let streams = 0;
      let awaiting = 0;
      let pongs = heartbeats;
      for (const session of sessions) {
        streams += session.streamCount;
        pongs += session.pongs;
        for (const request of session.openStreams()) if (request.awaitingCredit) awaiting += 1;
      }
      return {
        tunnels: sessions.size,
        streams,
        held: registry.heldCount(),
        bufferedBytes: meter.current,
        peakBufferedBytes: meter.peak,
        streamsAwaitingCredit: awaiting,
        heartbeats: pongs,
        queued: queues?.totals().entries ?? 0,
        queuedBytes: queues?.totals().bytes ?? 0,
      };
    },
    reloadTokens(next) {
      let closedTunnels = 0;
      for (const revoked of tokens.replace(next)) {
        for (const session of registry.sessionsOf(revoked)) {
          session.close(CLOSE.refused, 'token revoked');
          closedTunnels += 1;
        }
        log(`token ${revoked.label} removed`);
      }
      return { tokens: tokens.size, closedTunnels };
    },
    async close() {
      if (closing) return;
      closing = true;
      const stopped = new Promise((resolve) => server.close(resolve));
      // With a queue, held requests are queued (and answered 202) rather than refused.
      registry.releaseHeld(503, 'relay_restarting', 'The relay is restarting; nothing was delivered. Retry in a moment.');
      server.closeIdleConnections();
      if (forwarding > 0) {
        await Promise.race([new Promise<void>((r) => (drained = r)), new Promise((r) => setTimeout(r, settings.drainMs).unref())]);
      }
      clearInterval(heartbeat);
      // 1012 tells clients the relay is restarting, so they come back quickly; stragglers are cut.
      const closed = [...sockets].map((ws) => new Promise((r) => ws.once('close', r)));
      for (const ws of sockets) ws.close(CLOSE.relayRestart, 'relay restarting');
      await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 1_000).unref())]);
      for (const ws of sockets) ws.terminate();
      server.closeAllConnections();
      await stopped;
      await queues?.close();
    },
  };
}
