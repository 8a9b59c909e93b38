import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HandledRequest {
  method: string;
  url: string;
  /** Header names and values exactly as they arrived, in order. */
  rawHeaders: [string, string][];
  body: Buffer;
}

export interface LocalHandler {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  requests: HandledRequest[];
  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void>;
  /** Requests after the first `answered` ones (counted from the start) wait unanswered until `release()`. */
  hold(answered?: number): void;
  release(): void;
  close(): Promise<void>;
}

/** A tiny webhook handler on a free loopback port: records every request and answers 200 "handled". */
export async function startLocalHandler(): Promise<LocalHandler> {
  const requests: HandledRequest[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  let holdAfter: number | null = null;
  const held: (() => void)[] = [];

  const answer = (res: ServerResponse) => {
    if (res.destroyed) return;
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('handled');
  };

  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawHeaders: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      requests.push({ method: req.method ?? '', url: req.url ?? '', rawHeaders, body: Buffer.concat(chunks) });
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      if (holdAfter !== null && requests.length > holdAfter) held.push(() => answer(res));
      else answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    received: (count) => (requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    hold: (answered = requests.length) => {
      holdAfter = answered;
    },
    release: () => {
      holdAfter = null;
      for (const send of held.splice(0)) send();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
