import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'pass' | 'drop';

export interface SwitchableProxy {
  url: string;
  port: number;
  /** pass: forward to the target with the extra headers; drop: cut every request's connection unanswered. */
  setMode(mode: ProxyMode): void;
  /** Requests that reached the proxy, passed or dropped. */
  readonly seen: number;
  close(): Promise<void>;
}

/**
 * A provider's public side on loopback: forwards HTTP to `target` adding what a provider adds
 * (its sender-address header), or drops requests while the provider itself still says connected.
 */
export async function startSwitchableProxy(target: string, extraHeaders: Record<string, string> = {}): Promise<SwitchableProxy> {
  let mode: ProxyMode = 'pass';
  let seen = 0;
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    seen += 1;
    if (mode === 'drop') {
      req.socket.destroy();
      return;
    }
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    for (const [name, value] of Object.entries(extraHeaders)) headers.push(name, value);
    const forwarded = http.request(
      { host: to.hostname, port: Number(to.port), method: req.method, path: req.url, headers, agent: false },
      (answer) => {
        const back: string[] = [];
        for (let i = 0; i < answer.rawHeaders.length; i += 2) back.push(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
        res.writeHead(answer.statusCode ?? 502, back);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setMode: (next) => {
      mode = next;
    },
    get seen() {
      return seen;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
