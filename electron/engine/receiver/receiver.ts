import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { RawHeaders } from '../../../shared/api/common.js';
import { isHookbenchError } from '../../../shared/errors.js';
import { listen, urlHost } from '../listen.js';
import { actOutOnSocket, actOutResponse } from '../responses/act-out.js';
import { readBody } from './body-reader.js';
import { jsonResponse, type CapturedRequest, type ResponsePlan } from './captured-request.js';
import type { Ingest } from './ingest.js';
import { pairRawHeaders } from './raw-headers.js';
import { parseRawRequest } from './raw-request-parser.js';
import { writePlan, writePlanToSocket } from './response-writer.js';

export interface ReceiverOptions {
  host: string;
  httpPort: number;
  httpsPort: number;
  maxBody: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  tls: { cert: string; key: string };
  log?: (line: string) => void;
}

export interface Receiver {
  httpUrl: string;
  httpsUrl: string;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then cuts what is left. */
  close(graceMs: number): Promise<void>;
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request was not received in time; send headers and body without long pauses.'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large.'],
};

export async function startReceiver(options: ReceiverOptions, ingest: Ingest): Promise<Receiver> {
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const rawSockets = new Set<Socket>();

  const track = async (work: () => Promise<void>) => {
    inFlight += 1;
    try {
      await work();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    }
  };

  // A bug in deriving or storing must cost one request an error answer, never the engine.
  const safeIngest = async (request: CapturedRequest): Promise<ResponsePlan> => {
    try {
      return await ingest(request);
    } catch (error) {
      options.log?.(`receiver error on ${request.method} ${request.target}: ${(error as Error).stack ?? String(error)}`);
      return jsonResponse(500, {
        error: 'internal_error',
        message: 'Hookbench hit an unexpected error with this request; it was not stored.',
      });
    }
  };

  const handle = (tls: boolean) => (req: IncomingMessage, res: ServerResponse) =>
    track(async () => {
      const receivedAt = Date.now();
      let body: Buffer;
      try {
        body = await readBody(req, options.maxBody);
      } catch (error) {
        if (isHookbenchError(error) && error.status === 413) {
          // The rest of an oversized body is not worth reading: answer, then close the connection.
          res.setHeader('Connection', 'close');
          writePlan(res, jsonResponse(413, { error: error.code, message: error.message, limit: options.maxBody }));
        }
        return;
      }
      const headers = pairRawHeaders(req.rawHeaders);
      const plan = await safeIngest(capture(req.method ?? 'GET', req.url ?? '/', headers, body, req.socket, tls, receivedAt));
      // A plain write, or a simulated failure acted out (hang, reset, trickle) now that the delivery is stored.
      if (!res.destroyed) await actOutResponse(res, plan);
    });

  // Node's parser refuses methods outside its list; read those requests ourselves so none is lost.
  const onClientError = (tls: boolean) => (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    socket.on('error', () => {});
    if (error.code === 'HPE_INVALID_METHOD' && error.rawPacket) {
      readRawRequest(socket, error.rawPacket, tls);
      return;
    }
    if (!socket.writable) return socket.destroy();
    const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
      400,
      'bad_request',
      `The request is not valid HTTP (${error.code ?? error.message}).`,
    ];
    writePlanToSocket(socket, jsonResponse(status, { error: code, message }));
  };

  const readRawRequest = (socket: Socket, first: Buffer, tls: boolean) => {
    rawSockets.add(socket);
    // Detach Node's parser: from here on this socket's bytes are ours.
    socket.removeAllListeners('data');
    socket.removeAllListeners('end');
    const receivedAt = Date.now();
    let buffered = first;
    const timer = setTimeout(() => socket.destroy(), options.requestTimeoutMs);
    const finish = (plan: ResponsePlan) => {
      clearTimeout(timer);
      socket.off('data', onData);
      return actOutOnSocket(socket, plan);
    };
    const attempt = () => {
      const parsed = parseRawRequest(buffered, options.maxBody);
      if (parsed.state === 'incomplete') return;
      if (parsed.state === 'error') {
        const status = parsed.message === 'body too large' ? 413 : 400;
        void finish(
          jsonResponse(status, {
            error: status === 413 ? 'body_too_large' : 'bad_request',
            message: `Request refused: ${parsed.message}.`,
          }),
        );
        return;
      }
      socket.off('data', onData);
      void track(async () => {
        const plan = await safeIngest(capture(parsed.method, parsed.target, parsed.headers, parsed.body, socket, tls, receivedAt));
        await finish(plan);
      });
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      attempt();
    };
    socket.on('data', onData);
    socket.once('close', () => {
      clearTimeout(timer);
      rawSockets.delete(socket);
    });
    attempt();
  };

  const serverOptions: http.ServerOptions = {
    headersTimeout: options.headersTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    // Check the timeouts often enough that a slow client is cut off close to its deadline.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(options.headersTimeoutMs / 4))),
    keepAliveTimeout: 5_000,
  };
  const httpServer = http.createServer(serverOptions, handle(false));
  const httpsServer = https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, handle(true));
  // A sender that half-closes after its request still gets its answer once the delivery is stored.
  for (const server of [httpServer, httpsServer]) (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  httpServer.on('clientError', onClientError(false));
  httpsServer.on('clientError', onClientError(true));

  const httpPort = await listen(httpServer, options.httpPort, options.host, 'HTTP receiver', '--http-port');
  let httpsPort: number;
  try {
    httpsPort = await listen(httpsServer, options.httpsPort, options.host, 'HTTPS receiver', '--https-port');
  } catch (error) {
    httpServer.close();
    throw error;
  }

  return {
    httpUrl: `http://${urlHost(options.host)}:${httpPort}`,
    httpsUrl: `https://${urlHost(options.host)}:${httpsPort}`,
    async close(graceMs) {
      const closed = Promise.all([httpServer, httpsServer].map((s) => new Promise((r) => s.close(r))));
      httpServer.closeIdleConnections();
      httpsServer.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => (drained = r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      httpServer.closeAllConnections();
      httpsServer.closeAllConnections();
      for (const socket of rawSockets) socket.destroy();
      await closed;
    },
  };
}

function capture(
  method: string,
  target: string,
  headers: RawHeaders,
  body: Buffer,
  socket: Socket,
  tls: boolean,
  receivedAt: number,
): CapturedRequest {
  return {
    method,
    target,
    headers,
    body,
    remoteAddress: socket.remoteAddress ?? null,
    tls,
    via: 'direct',
    receivedAt,
  };
}
