import type { Socket } from 'node:net';

/** A TCP RST, so the peer sees ECONNRESET; a TLS socket cannot be reset and is destroyed instead. */
export function resetSocket(socket: Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}
