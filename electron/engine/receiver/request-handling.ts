import type http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RawHeaders } from '../../../shared/api/common.js';
import { isHookbenchError } from '../../../shared/errors.js';
import { actOutOnSocket, actOutResponse } from './act-out.js';
import { bodyTooLarge, declaresTooLarge, readBody } from './body-reader.js';
import { jsonResponse, type CapturedRequest, type ResponsePlan } from '../inbound/captured-request.js';
import type { Ingest } from './ingest.js';
import { pairRawHeaders } from '../inbound/raw-headers.js';
import { parseRawRequest } from './raw-request-parser.js';
import { writePlan, writePlanToSocket } from './response-writer.js';

export interface RequestHandlingOptions {
  maxBody: number;
  requestTimeoutMs: number;
  /** How requests arrive here: straight from senders, or through a tunnel provider's loopback ingress. */
  via: CapturedRequest['via'];
  log?: (line: string) => void;
}

/**
 * The receiver's request handling, for any HTTP(S) server: read the body (or the raw request when
 * Node's parser refuses its method), hand it to ingest, and act out the answer once it is stored.
 */
export interface RequestHandling {
  onRequest(tls: boolean): (req: IncomingMessage, res: ServerResponse) => void;
  /** For the server's 'checkContinue' event: a body over the limit is refused before the sender uploads it. */
  onCheckContinue(tls: boolean): (req: IncomingMessage, res: ServerResponse) => void;
  onClientError(tls: boolean): (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => void;
  /** Resolves once no request is in flight, or after graceMs. */
  drain(graceMs: number): Promise<void>;
  /** Cuts the sockets read by hand (methods Node refuses); servers cut their own. */
  destroyRawSockets(): void;
}

/** Timeouts and keep-alive every receiving server uses. */
export function receivingServerOptions(headersTimeoutMs: number, requestTimeoutMs: number): http.ServerOptions {
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Check the timeouts often enough that a slow client is cut off close to its deadline.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
    keepAliveTimeout: 5_000,
  };
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request was not received in time; send headers and body without long pauses.'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large.'],
};

export function createRequestHandling(options: RequestHandlingOptions, ingest: Ingest): RequestHandling {
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

  const capture = (
    method: string,
    target: string,
    headers: RawHeaders,
    body: Buffer,
    socket: Socket,
    tls: boolean,
    receivedAt: number,
  ): CapturedRequest => ({
    method,
    target,
    headers,
    body,
    remoteAddress: socket.remoteAddress ?? null,
    tls,
    via: options.via,
    receivedAt,
  });

  // The rest of an oversized body is not worth reading: answer, then close the connection.
  const refuseTooLarge = (res: ServerResponse) => {
    const error = bodyTooLarge(options.maxBody);
    res.setHeader('Connection', 'close');
    writePlan(res, jsonResponse(413, { error: error.code, message: error.message, limit: options.maxBody }));
  };

  const onRequest = (tls: boolean) => (req: IncomingMessage, res: ServerResponse) =>
    void track(async () => {
      const receivedAt = Date.now();
      let body: Buffer;
      try {
        body = await readBody(req, options.maxBody);
      } catch (error) {
        if (isHookbenchError(error) && error.status === 413) refuseTooLarge(res);
        return;
      }
      const headers = pairRawHeaders(req.rawHeaders);
      const plan = await safeIngest(capture(req.method ?? 'GET', req.url ?? '/', headers, body, req.socket, tls, receivedAt));
      // A plain write, or a simulated failure acted out (hang, reset, trickle) now that the delivery is stored.
      if (!res.destroyed) await actOutResponse(res, plan);
    });

  const onCheckContinue = (tls: boolean) => {
    const handle = onRequest(tls);
    return (req: IncomingMessage, res: ServerResponse) => {
      if (declaresTooLarge(req, options.maxBody)) return refuseTooLarge(res);
      res.writeContinue();
      handle(req, res);
    };
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

  return {
    onRequest,
    onCheckContinue,
    onClientError,
    async drain(graceMs) {
      if (inFlight === 0) return;
      await Promise.race([new Promise<void>((r) => (drained = r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
    },
    destroyRawSockets() {
      for (const socket of rawSockets) socket.destroy();
    },
  };
}
