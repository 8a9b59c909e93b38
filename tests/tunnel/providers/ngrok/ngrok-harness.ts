import http from 'node:http';
import net from 'node:net';
import type { ProviderContext, ProviderReport } from '../../../../electron/engine/tunnel/provider.js';
import { createNgrokProvider, type NgrokSettings } from '../../../../electron/engine/tunnel/providers/ngrok/ngrok-provider.js';

export interface ArrivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback stand-in for the tunnel ingress: records each request and answers 200 "stored <path>". */
export async function startIngress(): Promise<{ url: string; port: number; requests: ArrivedRequest[]; close(): Promise<void> }> {
  const requests: ArrivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.end(`stored ${request.url}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago and has nothing listening: a closed server_addr. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts and then either never says a word or answers garbage; counts connections. */
export async function startRudeServer(
  mode: 'silent' | 'garbage',
): Promise<{ serverAddr: string; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    if (mode === 'garbage') socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 7\r\n\r\ngarbage');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serverAddr: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The provider under test with a context that records its reports and its log. */
export function ngrokUnderTest(targetUrl: string, settings: Partial<NgrokSettings>) {
  const reports: ProviderReport[] = [];
  const log: string[] = [];
  const listeners = new Set<() => void>();
  const target = new URL(targetUrl);
  const context: ProviderContext = {
    target: { host: target.hostname, port: Number(target.port), url: targetUrl },
    ingest: () => Promise.reject(new Error('ngrok carries HTTP to target, never through ingest')),
    maxBody: 1024 * 1024,
    dataDir: '/nonexistent',
    log: (line) => log.push(line),
    report(report) {
      reports.push(report);
      for (const listener of listeners) listener();
    },
  };
  const provider = createNgrokProvider({ authtoken: '', domain: null, retry: { baseMs: 50, maxMs: 200 }, ...settings }, context);

  /** Resolves with the first report at or after index `from` that satisfies `check`. */
  const nextReport = <T extends ProviderReport>(check: (report: ProviderReport) => report is T, from = 0, timeoutMs = 15_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const look = () => {
        const found = reports.slice(from).find(check);
        if (!found) return false;
        listeners.delete(look);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(look);
        reject(new Error(`no matching report; reports so far: ${JSON.stringify(reports)}\nlog: ${log.join('\n')}`));
      }, timeoutMs);
      if (!look()) listeners.add(look);
    });

  return { provider, reports, log, nextReport };
}

export const isOnline = (r: ProviderReport): r is Extract<ProviderReport, { state: 'online' }> => r.state === 'online';
export const isReconnecting = (r: ProviderReport): r is Extract<ProviderReport, { state: 'reconnecting' }> => r.state === 'reconnecting';
export const isFailed = (r: ProviderReport): r is Extract<ProviderReport, { state: 'failed' }> => r.state === 'failed';
/** A reconnecting report of Hookbench's own backoff (the SDK's own tries have no next attempt time). */
export const isScheduledRetry = (r: ProviderReport): r is Extract<ProviderReport, { state: 'reconnecting' }> =>
  r.state === 'reconnecting' && r.nextAttemptAt !== null;
