import { once } from 'node:events';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createExchange, type ExchangeRequest } from '../../../electron/engine/outbound/http-exchange.js';

const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const exchange = createExchange({ caPems: [], answerLimit: { keep: 4, read: 100 } });
afterAll(async () => {
  exchange.close();
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

function track(server: net.Server): void {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
}

/** A server on 127.0.0.1:0 that hands each connection to `onSocket` and counts them. */
async function rawServer(onSocket: (socket: net.Socket) => void) {
  const server = net.createServer((socket) => {
    connections.count += 1;
    onSocket(socket);
  });
  const connections = { count: 0 };
  track(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections };
}

/** A Node HTTP server answering `answer`; counts connections and requests. */
async function httpServer(answer: (res: http.ServerResponse, req: http.IncomingMessage) => void) {
  const seen = { connections: 0, requests: 0 };
  const server = http.createServer((req, res) => {
    seen.requests += 1;
    req.resume();
    req.on('end', () => answer(res, req));
  });
  server.on('connection', () => (seen.connections += 1));
  track(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const post = (url: string, extra: Partial<ExchangeRequest> = {}): ExchangeRequest => ({
  url: new URL(url),
  method: 'POST',
  headers: [
    ['Host', new URL(url).host],
    ['Content-Length', '2'],
  ],
  body: Buffer.from('hi'),
  timeoutMs: 5_000,
  ...extra,
});

describe('the outgoing exchange', () => {
  it('writes the method, target, headers and body exactly as given, hop-by-hop headers too', async () => {
    const wire: Buffer[] = [];
    const server = await rawServer((socket) =>
      socket.on('data', (chunk) => {
        wire.push(chunk);
        if (Buffer.concat(wire).includes('\r\n\r\nhi'))
          socket.end('HTTP/1.1 299 Custom\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 2\r\n\r\nok');
      }),
    );
    const host = new URL(server.url).host;
    const result = await exchange.send({
      ...post(`${server.url}/p/q?b=2&a=1`),
      method: 'PATCH',
      headers: [
        ['host', host],
        ['X-Case', 'Kept'],
        ['x-dup', 'one'],
        ['X-Dup', 'two'],
        ['Connection', 'keep-alive'],
        ['Keep-Alive', 'timeout=5'],
        ['content-length', '2'],
      ],
    });
    expect(Buffer.concat(wire).toString('latin1')).toBe(
      `PATCH /p/q?b=2&a=1 HTTP/1.1\r\nhost: ${host}\r\nX-Case: Kept\r\nx-dup: one\r\nX-Dup: two\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\ncontent-length: 2\r\n\r\nhi`,
    );
    expect(result).toMatchObject({
      problem: null,
      answer: {
        status: 299,
        headers: [
          ['X-A', '1'],
          ['x-a', '2'],
          ['Content-Length', '2'],
        ],
        body: Buffer.from('ok'),
        truncated: false,
      },
    });
  });

  it('keeps the connection alive between exchanges with one origin', async () => {
    const server = await httpServer((res) => res.end('ok'));
    for (let i = 0; i < 3; i++) expect((await exchange.send(post(server.url))).answer?.status).toBe(200);
    expect(server.seen).toEqual({ connections: 1, requests: 3 });
  });

  it('never follows a redirect: the 3xx is the answer', async () => {
    const target = await httpServer((res) => res.end('moved here'));
    const redirecting = await httpServer((res) => {
      res.writeHead(307, { Location: `${target.url}/new` });
      res.end();
    });
    const result = await exchange.send(post(redirecting.url));
    expect(result.answer?.status).toBe(307);
    expect(result.answer?.headers).toContainEqual(['Location', `${target.url}/new`]);
    expect(target.seen.requests).toBe(0);
  });

  it('keeps `keep` bytes, reads on to `read` so the connection is reused, and drops it past that', async () => {
    const server = await httpServer((res, req) => res.end('x'.repeat(req.url === '/long' ? 101 : 10)));
    const short = await exchange.send(post(server.url));
    expect(short).toMatchObject({ problem: null, answer: { body: Buffer.from('xxxx'), truncated: true } });
    const long = await exchange.send(post(`${server.url}/long`));
    expect(long.problem?.kind).toBe('too_large');
    expect(long.answer).toMatchObject({ status: 200, body: Buffer.from('xxxx'), truncated: true });
    await exchange.send(post(server.url));
    expect(server.seen.connections).toBe(2);
  });

  it('times out with no answer, or keeps the answer it has, cut short, when the body stalls', async () => {
    const silent = await rawServer(() => undefined);
    const none = await exchange.send(post(silent.url, { timeoutMs: 200 }));
    expect(none).toMatchObject({ answer: null, problem: { kind: 'timeout', message: `${silent.url} did not answer within 200 ms.` } });

    const stalling = await rawServer((socket) =>
      socket.once('data', () => socket.write('HTTP/1.1 201 Created\r\nContent-Length: 9\r\n\r\nab')),
    );
    const cut = await exchange.send(post(stalling.url, { timeoutMs: 200 }));
    expect(cut).toMatchObject({ problem: { kind: 'timeout' }, answer: { status: 201, body: Buffer.from('ab'), truncated: true } });
  });

  it('classifies a closed port as refused and a dropped connection as reset, before or after the status line', async () => {
    const closed = await rawServer(() => undefined);
    const port = new URL(closed.url).port;
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const refused = await exchange.send(post(`http://127.0.0.1:${port}`));
    expect(refused).toMatchObject({ answer: null, problem: { kind: 'refused', detail: 'ECONNREFUSED' } });

    const dropping = await rawServer((socket) => socket.once('data', () => socket.destroy()));
    expect((await exchange.send(post(dropping.url))).problem?.kind).toBe('reset');

    const cutting = await rawServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nab')));
    const cut = await exchange.send(post(cutting.url));
    expect(cut).toMatchObject({ problem: { kind: 'reset' }, answer: { status: 200, body: Buffer.from('ab'), truncated: true } });
  });

  it('stops when its signal is aborted, and never starts when it already was', async () => {
    const stop = new AbortController();
    const silent = await rawServer((socket) => socket.once('data', () => stop.abort()));
    expect(await exchange.send(post(silent.url, { signal: stop.signal }))).toMatchObject({ answer: null, problem: { kind: 'aborted' } });
    const before = silent.connections.count;
    expect((await exchange.send(post(silent.url, { signal: stop.signal }))).problem?.kind).toBe('aborted');
    expect(silent.connections.count).toBe(before);
  });
});
