import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { ForwardedForInserter } from './forwarded-for-inserter.js';

/**
 * A stand-in localtunnel server (github.com/localtunnel/server) on loopback.
 *
 * `GET /?new` or `GET /<subdomain>` registers a tunnel and answers `{id, port, max_conn_count, url}`;
 * the client then opens up to max_conn_count raw TCP sockets to `port`. A request on the tunnel's
 * public side is written raw onto a free client socket (X-Forwarded-For added at the end of each
 * head, as the proxy in front of localtunnel.me does) and the client's bytes are piped back unchanged.
 * Each public connection holds one client socket while it is open; more wait for a free one.
 *
 * Not like the real one: there is no DNS for subdomains here, so each tunnel gets its own loopback
 * public port as its `url` (the same port again when its subdomain registers after a restart), and a
 * subdomain held by a connected client is refused with 409 `{message}` (the real one hands out a
 * random id instead).
 */
export type LocaltunnelRespond = 'normal' | 'never' | 'refuse';

export interface LocaltunnelServerOptions {
  /** normal; never: accept registrations but never answer; refuse: nothing listens on `url`. */
  respond?: LocaltunnelRespond;
  maxConnCount?: number;
  /** How long a public request waits for a free client socket before a 504. */
  queueTimeoutMs?: number;
}

export interface StandInTunnel {
  id: string;
  /** Public base URL of this tunnel (loopback, its own port). */
  url: string;
  /** Port the client's tunnel sockets connect to. */
  port: number;
  /** Client sockets connected now. */
  connected(): number;
}

export interface LocaltunnelServer {
  /** The server's base URL, what a client passes as its host. */
  url: string;
  /** Registration paths asked so far, in order: `/?new`, `/<subdomain>`. */
  registrations: string[];
  tunnels(): StandInTunnel[];
  tunnel(id: string): StandInTunnel | undefined;
  /** Destroys every client socket (the server keeps listening: a network blip). */
  killClients(): void;
  /** Stops as if killed: every socket closes, nothing listens; tunnels are forgotten (public ports kept). */
  stop(): Promise<void>;
  /** Listens again on the same port; a subdomain that registers again gets its old public port. */
  restart(): Promise<void>;
}

// The real server's rule for a requested subdomain, and its message.
const VALID_SUBDOMAIN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;
const INVALID_MESSAGE = 'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.';

interface Tunnel extends StandInTunnel {
  close(): void;
  killClients(): void;
}

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

async function openTunnel(id: string, publicPort: number, maxConn: number, queueTimeoutMs: number): Promise<Tunnel> {
  const clients = new Set<net.Socket>();
  const publics = new Set<net.Socket>();
  const idle: net.Socket[] = [];
  const waiting: Array<(socket: net.Socket) => void> = [];

  const clientServer = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    if (clients.size >= maxConn) return socket.destroy();
    clients.add(socket);
    socket.on('error', () => socket.destroy());
    // The client closing its socket ends it here too (half-open is allowed only for carrying requests).
    socket.once('end', () => socket.end());
    socket.once('close', () => {
      clients.delete(socket);
      const at = idle.indexOf(socket);
      if (at >= 0) idle.splice(at, 1);
    });
    const next = waiting.shift();
    if (next) next(socket);
    else idle.push(socket);
  });

  const carry = (pub: net.Socket, client: net.Socket) => {
    const at = idle.indexOf(client);
    if (at >= 0) idle.splice(at, 1);
    pub.pipe(new ForwardedForInserter(pub.remoteAddress ?? '127.0.0.1')).pipe(client);
    client.pipe(pub);
    client.once('close', () => pub.destroy());
    pub.once('close', () => (pub.readableEnded ? client.end() : client.destroy()));
  };

  const publicServer = net.createServer({ allowHalfOpen: true, noDelay: true }, (pub) => {
    publics.add(pub);
    pub.on('error', () => pub.destroy());
    pub.once('close', () => publics.delete(pub));
    const free = idle.shift();
    if (free) return carry(pub, free);
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(take), 1);
      pub.end('HTTP/1.1 504 Gateway Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    }, queueTimeoutMs);
    const take = (client: net.Socket) => {
      clearTimeout(timer);
      if (pub.destroyed) return idle.push(client);
      carry(pub, client);
    };
    waiting.push(take);
    pub.once('close', () => {
      clearTimeout(timer);
      const at = waiting.indexOf(take);
      if (at >= 0) waiting.splice(at, 1);
    });
  });

  const port = await listen(clientServer, 0);
  const actualPublicPort = await listen(publicServer, publicPort);
  return {
    id,
    url: `http://127.0.0.1:${actualPublicPort}`,
    port,
    connected: () => clients.size,
    killClients() {
      for (const socket of clients) socket.destroy();
      clients.clear();
      idle.length = 0;
    },
    close() {
      clientServer.close();
      publicServer.close();
      for (const socket of [...clients, ...publics]) socket.destroy();
    },
  };
}

function answer(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startLocaltunnelServer(options: LocaltunnelServerOptions = {}): Promise<LocaltunnelServer> {
  const respond = options.respond ?? 'normal';
  const maxConn = options.maxConnCount ?? 10;
  const queueTimeoutMs = options.queueTimeoutMs ?? 5_000;
  const tunnels = new Map<string, Tunnel>();
  /** Public port per subdomain, kept across restarts so a returning subdomain gets the same URL. */
  const publicPorts = new Map<string, number>();
  const registrations: string[] = [];

  const register = async (id: string, res: http.ServerResponse) => {
    const held = tunnels.get(id);
    if (held && held.connected() > 0) return answer(res, 409, { message: `Subdomain ${id} is already in use.` });
    // A subdomain whose client is gone is handed to whoever asks (the real server drops it after a grace period).
    const tunnel = held ?? (await openTunnel(id, publicPorts.get(id) ?? 0, maxConn, queueTimeoutMs));
    tunnels.set(id, tunnel);
    publicPorts.set(id, Number(new URL(tunnel.url).port));
    answer(res, 200, { id, port: tunnel.port, max_conn_count: maxConn, url: tunnel.url });
  };

  const control = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    registrations.push(url.pathname + url.search);
    if (respond === 'never') return;
    if (req.method !== 'GET') return answer(res, 405, { message: 'Method not allowed.' });
    if (url.pathname === '/') {
      if (!url.searchParams.has('new')) return answer(res, 404, { message: 'Ask /?new or /<subdomain>.' });
      return void register(`lt${randomBytes(5).toString('hex')}`, res);
    }
    const parts = url.pathname.split('/');
    if (parts.length !== 2) return answer(res, 404, { message: 'Not found.' });
    if (!VALID_SUBDOMAIN.test(parts[1])) return answer(res, 403, { message: INVALID_MESSAGE });
    void register(parts[1], res);
  });

  const port = await listen(control, 0);
  // refuse: the port was ours a moment ago and nothing listens on it now.
  if (respond === 'refuse') await new Promise<void>((resolve) => control.close(() => resolve()));

  const stop = async () => {
    for (const tunnel of tunnels.values()) tunnel.close();
    tunnels.clear();
    if (!control.listening) return;
    control.closeAllConnections();
    await new Promise<void>((resolve) => control.close(() => resolve()));
  };

  return {
    url: `http://127.0.0.1:${port}`,
    registrations,
    tunnels: () => [...tunnels.values()],
    tunnel: (id) => tunnels.get(id),
    killClients() {
      for (const tunnel of tunnels.values()) tunnel.killClients();
    },
    stop,
    async restart() {
      await stop();
      if (respond !== 'refuse') await listen(control, port);
    },
  };
}
