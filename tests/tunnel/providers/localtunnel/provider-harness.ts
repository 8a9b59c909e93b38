import net from 'node:net';
import type { ProviderContext, ProviderReport } from '../../../../electron/engine/tunnel/provider.js';
import {
  createLocaltunnelProvider,
  type LocaltunnelSettings,
} from '../../../../electron/engine/tunnel/providers/localtunnel/localtunnel-provider.js';

/**
 * A loopback stand-in for the tunnel ingress: records the raw bytes of each request (framed by
 * Content-Length) and writes back a raw answer chosen by the test, byte for byte, then closes.
 */
export interface RawIngress {
  port: number;
  /** Raw bytes of every complete request, in arrival order. */
  requests: Buffer[];
  /** Connections open now. */
  open(): number;
  close(): Promise<void>;
}

export async function startRawIngress(answer: (request: Buffer) => Buffer, { closeAfterAnswer = true } = {}): Promise<RawIngress> {
  const requests: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(pending.subarray(0, end).toString('latin1'))?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        const request = pending.subarray(0, end + 4 + length);
        pending = pending.subarray(end + 4 + length);
        requests.push(request);
        // By default one request per connection, answered and closed, so the sender's read ends with the answer.
        if (closeAfterAnswer) return socket.end(answer(request));
        socket.write(answer(request));
      }
    });
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The provider under test with a context that records its reports and log. */
export function providerUnderTest(ingressPort: number, settings: Partial<LocaltunnelSettings> & { host: string }) {
  const reports: ProviderReport[] = [];
  const subdomains: string[] = [];
  const log: string[] = [];
  const listeners = new Set<() => void>();
  const context: ProviderContext = {
    target: { host: '127.0.0.1', port: ingressPort, url: `http://127.0.0.1:${ingressPort}` },
    ingest: () => Promise.reject(new Error('localtunnel carries HTTP to target, never through ingest')),
    maxBody: 1024 * 1024,
    dataDir: '/nonexistent',
    log: (line) => log.push(line),
    report(report) {
      reports.push(report);
      for (const listener of listeners) listener();
    },
  };
  const provider = createLocaltunnelProvider(
    {
      subdomain: null,
      onSubdomain: (subdomain) => subdomains.push(subdomain),
      retry: { baseMs: 50, maxMs: 200 },
      ...settings,
    },
    context,
  );

  /** Resolves with the first report after `from` that satisfies `check`. */
  const nextReport = <T extends ProviderReport>(check: (report: ProviderReport) => report is T, from = 0, timeoutMs = 10_000): Promise<T> =>
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

  return { provider, reports, subdomains, log, nextReport };
}

export const isOnline = (r: ProviderReport): r is Extract<ProviderReport, { state: 'online' }> => r.state === 'online';
export const isReconnecting = (r: ProviderReport): r is Extract<ProviderReport, { state: 'reconnecting' }> => r.state === 'reconnecting';
export const isFailed = (r: ProviderReport): r is Extract<ProviderReport, { state: 'failed' }> => r.state === 'failed';

/** Sends raw bytes to a public URL and collects everything until the server closes, or until `until` holds (left open). */
export function rawExchange(url: string, bytes: Buffer, until?: (received: Buffer) => boolean): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (until?.(Buffer.concat(chunks))) resolve(Buffer.concat(chunks));
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}
