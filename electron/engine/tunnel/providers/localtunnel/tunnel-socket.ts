import net from 'node:net';

export interface Endpoint {
  host: string;
  port: number;
}

export interface TunnelSocketEvents {
  /** The TCP connection to the server is up: the server may now hand it a public request. */
  onConnect(): void;
  /** The connection could not be made (refused, unreachable, timed out). */
  onConnectFailed(reason: string): void;
  /** A connection that was up has ended; `carried` says whether any request went through it. */
  onClose(carried: boolean): void;
}

export interface TunnelSocket {
  /** Closes both sides at once; no event follows. */
  destroy(): void;
}

const SERVER_CLOSE_WAIT_MS = 5_000;

// What the sender gets when the local target cannot be reached; nothing has been answered yet at that point.
const TARGET_DOWN_ANSWER =
  'HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain\r\nContent-Length: 39\r\nConnection: close\r\n\r\nHookbench could not reach its receiver\n';

/**
 * One of the raw TCP connections a localtunnel client keeps open to its server. The server writes
 * public HTTP requests onto it; their bytes go to the local target unchanged, and the target's bytes
 * come back unchanged (no Host rewrite: localtunnel's own client rewrites only when asked).
 * The target connection opens with the first request, so idle sockets hold nothing locally.
 */
export function openTunnelSocket(remote: Endpoint, target: Endpoint, connectTimeoutMs: number, events: TunnelSocketEvents): TunnelSocket {
  let local: net.Socket | null = null;
  let connected = false;
  let finished = false;
  // allowHalfOpen: a sender that half-closes after its request still gets the answer back.
  const server = net.connect({ host: remote.host, port: remote.port, allowHalfOpen: true });
  server.setTimeout(connectTimeoutMs);

  const finish = (after: () => void) => {
    if (finished) return;
    finished = true;
    server.destroy();
    local?.destroy();
    after();
  };

  server.once('timeout', () => {
    if (!connected) finish(() => events.onConnectFailed(`no answer from ${remote.host}:${remote.port} within ${connectTimeoutMs} ms`));
  });
  server.once('connect', () => {
    connected = true;
    server.setTimeout(0);
    server.setNoDelay(true);
    // Notices a server that vanished without closing while no request is under way.
    server.setKeepAlive(true, 15_000);
    events.onConnect();
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (!connected) finish(() => events.onConnectFailed(`${error.code ?? error.message} from ${remote.host}:${remote.port}`));
    else finish(() => events.onClose(local !== null));
  });
  server.once('close', () => finish(() => (connected ? events.onClose(local !== null) : events.onConnectFailed('connection closed'))));
  // The server closing an idle socket (no target yet) half-closes it; finish our side too.
  server.once('end', () => {
    if (!local) server.end();
  });

  server.once('data', (first: Buffer) => {
    server.pause();
    server.unshift(first);
    const toTarget = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    local = toTarget;
    toTarget.setNoDelay(true);
    let answered = false;
    toTarget.once('connect', () => {
      server.pipe(toTarget);
      toTarget.pipe(server);
    });
    toTarget.on('data', () => (answered = true));
    toTarget.on('error', () => {
      if (!answered && !finished) server.end(TARGET_DOWN_ANSWER);
      else server.destroy();
      toTarget.destroy();
    });
    toTarget.once('close', () => {
      if (!server.writableEnded) server.end();
      // The answer is flushed by now or never will be; a server that keeps its side open is not waited for.
      setTimeout(() => server.destroy(), SERVER_CLOSE_WAIT_MS).unref();
    });
  });

  return {
    destroy() {
      if (finished) return;
      finished = true;
      server.destroy();
      local?.destroy();
    },
  };
}
