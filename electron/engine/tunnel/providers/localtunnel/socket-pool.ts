import { openTunnelSocket, type Endpoint, type TunnelSocket } from './tunnel-socket.js';

export interface SocketPoolOptions {
  /** The server's host and the tunnel port it granted. */
  remote: Endpoint;
  /** Where public requests go: the tunnel ingress. */
  target: Endpoint;
  /** The server's max_conn_count. */
  size: number;
  connectTimeoutMs: number;
  /** Pause before reopening a socket that failed or died young while others are up, so a refusing server is not hammered. */
  slotRetryMs?: number;
}

export type PoolStart = { up: true } | { up: false; reason: string };

export interface SocketPool {
  /** Settles once one socket is up, or when the first connections fail. */
  readonly started: Promise<PoolStart>;
  /** Resolves with the reason once every socket is gone and a new one cannot be opened: the server is gone. */
  readonly lost: Promise<string>;
  live(): number;
  /** Closes every socket; no reopening after this. */
  close(): void;
}

const YOUNG_MS = 1_000;

/**
 * Keeps `size` tunnel sockets open to the server, as localtunnel's client does: each one that
 * closes is replaced at once. Only when none is left and a new one is refused is the tunnel lost.
 */
export function openSocketPool(options: SocketPoolOptions): SocketPool {
  const slotRetryMs = options.slotRetryMs ?? 1_000;
  const sockets = new Set<TunnelSocket>();
  const timers = new Set<NodeJS.Timeout>();
  let live = 0;
  let closed = false;
  let settleStart: (start: PoolStart) => void = () => undefined;
  let settleLost: (reason: string) => void = () => undefined;
  const started = new Promise<PoolStart>((resolve) => (settleStart = resolve));
  const lost = new Promise<string>((resolve) => (settleLost = resolve));

  const close = () => {
    if (closed) return;
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    live = 0;
  };

  const openLater = (quickDeaths: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      open(quickDeaths);
    }, slotRetryMs);
    timers.add(timer);
  };

  /** `quickDeaths`: how many sockets in a row on this slot closed young and unused (a server turning sockets away). */
  const open = (quickDeaths: number) => {
    if (closed) return;
    let openedAt = 0;
    const socket: TunnelSocket = openTunnelSocket(options.remote, options.target, options.connectTimeoutMs, {
      onConnect() {
        openedAt = Date.now();
        live += 1;
        settleStart({ up: true });
      },
      onConnectFailed(reason) {
        sockets.delete(socket);
        if (closed) return;
        if (live > 0) return openLater(0);
        close();
        settleStart({ up: false, reason });
        settleLost(reason);
      },
      onClose(carried) {
        sockets.delete(socket);
        if (closed) return;
        live -= 1;
        // The first replacement is immediate, so a server that went away is noticed at once.
        if (carried || Date.now() - openedAt >= YOUNG_MS) open(0);
        else if (quickDeaths === 0) open(1);
        else openLater(quickDeaths + 1);
      },
    });
    sockets.add(socket);
  };

  for (let i = 0; i < options.size; i++) open(0);
  return { started, lost, live: () => live, close };
}
