import { EventEmitter, once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface SinkRequest {
  method: string;
  path: string;
  rawHeaders: [string, string][];
  body: Buffer;
  receivedAt: number;
}

export type SinkHandler = (req: SinkRequest, res: ServerResponse, raw: IncomingMessage) => void;

export interface Sink {
  url: string;
  requests: SinkRequest[];
  /** Resolves when the sink has received `count` requests in all. */
  received(count: number): Promise<SinkRequest[]>;
  close(): Promise<void>;
}

const ok: SinkHandler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{"ok":true}');
};

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

/** A real HTTP(S) server on 127.0.0.1, port 0, that records every request it reads. */
export async function startSink(handler: SinkHandler = ok, tls?: { cert: string; key: string }): Promise<Sink> {
  const requests: SinkRequest[] = [];
  const arrivals = new EventEmitter();
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: SinkRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        rawHeaders: pairs(req.rawHeaders),
        body: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      requests.push(request);
      arrivals.emit('request');
      handler(request, res, req);
    });
  };
  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, onRequest) : http.createServer(onRequest);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    async received(count) {
      while (requests.length < count) await once(arrivals, 'request');
      return requests.slice(0, count);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A sink that reads requests and never answers (until closed). */
export function hangingSink(): Promise<Sink> {
  return startSink(() => {});
}

/** Answers every request with this status (and a Location for redirects). */
export function statusSink(status: number, location?: string): Promise<Sink> {
  return startSink((_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/plain', ...(location ? { Location: location } : {}) });
    res.end(`status ${status}`);
  });
}
