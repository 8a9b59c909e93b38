import net from 'node:net';

/**
 * Connects to `host:port` over plain TCP and says why it failed (Node's error code, such as
 * ENOTFOUND or ECONNREFUSED), or null when it connects. The SDK only says "failed to establish
 * tcp connection"; this tells no network, DNS and a refusal apart for the user.
 */
export function serverReachError(serverAddr: string, timeoutMs: number, signal?: AbortSignal): Promise<string | null> {
  const split = serverAddr.lastIndexOf(':');
  const host = serverAddr.slice(0, split).replace(/^\[|\]$/g, '');
  const port = Number(serverAddr.slice(split + 1));
  return new Promise((resolve) => {
    let socket: net.Socket;
    try {
      socket = net.connect({ host, port });
    } catch (error) {
      return resolve(error instanceof Error ? error.message : String(error));
    }
    const done = (result: string | null) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
      socket.destroy();
      resolve(result);
    };
    const aborted = () => done(null);
    const timer = setTimeout(() => done('ETIMEDOUT'), timeoutMs);
    if (signal?.aborted) return done(null);
    signal?.addEventListener('abort', aborted);
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}
