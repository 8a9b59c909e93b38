import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
}

export type Answer = { status: number; headers?: [string, string][]; body?: string | Buffer };

/**
 * A webhook handler on 127.0.0.1:0 that records every request exactly (raw header pairs, body
 * bytes) and answers as told. `respond` may return a promise to answer late, or never.
 */
export async function startHandler(
  respond: (seen: SeenRequest, res: ServerResponse) => Answer | 'hang' | Promise<Answer | 'hang'> = () => ({ status: 200, body: 'ok' }),
) {
  const requests: SeenRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: [string, string][] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    const seen = { method: req.method!, url: req.url!, headers, body: Buffer.concat(chunks) };
    requests.push(seen);
    for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
    const answer = await respond(seen, res);
    if (answer === 'hang' || res.destroyed) return;
    res.writeHead(answer.status, (answer.headers ?? []).flat());
    res.end(answer.body ?? '');
  };
  const server = http.createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    /** Resolves once `count` requests have arrived. */
    received(count: number): Promise<void> {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type Handler = Awaited<ReturnType<typeof startHandler>>;

/** A port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Headers as a handler sees them from Hookbench, minus the Connection header Node adds on its own. */
export const withoutConnection = (headers: [string, string][]) => headers.filter(([name]) => name.toLowerCase() !== 'connection');
