import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ProviderContext, ProviderReport } from '../../../../electron/engine/tunnel/provider.js';
import type { Ingest } from '../../../../electron/engine/receiver/ingest.js';

export const FAKE_CLOUDFLARED = fileURLToPath(new URL('../../support/fake-cloudflared/cloudflared', import.meta.url));

/** A loopback "tunnel ingress" that records the raw bytes of each request and answers 200 once the body is in. */
export interface RawIngress {
  host: string;
  port: number;
  url: string;
  /** Raw bytes of each request, in arrival order. */
  requests: Buffer[];
  nextRequest(): Promise<Buffer>;
  close(): Promise<void>;
}

export async function startRawIngress(): Promise<RawIngress> {
  const requests: Buffer[] = [];
  const arrivals = new EventEmitter();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headEnd = buffer.indexOf('\r\n\r\n');
        if (headEnd === -1) return;
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(buffer.subarray(0, headEnd).toString('latin1'))?.[1] ?? 0);
        const total = headEnd + 4 + length;
        if (buffer.length < total) return;
        const request = buffer.subarray(0, total);
        buffer = buffer.subarray(total);
        requests.push(request);
        arrivals.emit('request', request);
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\nstored');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    nextRequest: () => new Promise((resolve) => arrivals.once('request', resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The reports a provider made, with a way to wait for the next one that matches. */
export class ReportLog {
  readonly reports: ProviderReport[] = [];
  private readonly emitter = new EventEmitter();

  readonly report = (report: ProviderReport) => {
    this.reports.push(report);
    this.emitter.emit('report', report);
  };

  /** Resolves with the first report in `state` (and matching `where`) from index `from` on; rejects after `timeoutMs` with what came. */
  waitFor<S extends ProviderReport['state']>(
    state: S,
    where: (report: ReportIn<S>) => boolean = () => true,
    from = 0,
    timeoutMs = 15_000,
  ): Promise<ReportIn<S>> {
    const match = (report: ProviderReport): report is ReportIn<S> => report.state === state && where(report as ReportIn<S>);
    const seen = this.reports.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const onReport = (report: ProviderReport) => {
        if (!match(report)) return;
        clearTimeout(timer);
        this.emitter.off('report', onReport);
        resolve(report);
      };
      const timer = setTimeout(() => {
        this.emitter.off('report', onReport);
        reject(new Error(`no ${state} report within ${timeoutMs} ms; got ${JSON.stringify(this.reports)}`));
      }, timeoutMs);
      this.emitter.on('report', onReport);
    });
  }

  /** The index of a report, to wait for what comes after it. */
  after(report: ProviderReport): number {
    return this.reports.indexOf(report) + 1;
  }
}

export type ReportIn<S extends ProviderReport['state']> = Extract<ProviderReport, { state: S }>;

export function providerContext(
  target: { host: string; port: number; url: string },
  dataDir: string,
  log: ReportLog,
  lines: string[] = [],
): ProviderContext {
  return {
    target,
    // cloudflared carries HTTP to `target`; only the relay's frames use the ingest.
    ingest: undefined as unknown as Ingest,
    maxBody: 1024 * 1024,
    dataDir,
    log: (line) => lines.push(line),
    report: log.report,
  };
}

/** True when no process with this pid runs any more (a zombie awaiting its reaper counts as gone). */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Pids the stand-in wrote to its FAKE_CLOUDFLARED_PID_FILE. */
export function standInPids(pidFile: string): number[] {
  try {
    return readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Sends raw bytes to host:port and resolves with everything the server answered once it closes or `until` matches. */
export function sendRaw(url: string, bytes: Buffer, until: RegExp): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (until.test(answer)) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}
