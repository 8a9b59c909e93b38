import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineEvents } from '../events.js';
import { checkHostAndOrigin, checkToken } from './guard.js';
import { LIVE_PATH } from '../../../shared/api/session-paths.js';

const PROTOCOL = 'hookbench.v1';
/** A client this far behind is dropped; it reconnects and reloads its page instead of growing our memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface LiveSocketOptions {
  events: EngineEvents;
  token: string;
  port: () => number;
  version: string;
  extraOrigins: readonly string[];
}

/** `WS /api/live`: Host, Origin and token are checked before the upgrade, never after. */
export function createLiveSocket(options: LiveSocketOptions) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });

  wss.on('connection', (socket: WebSocket) => {
    socket.send(JSON.stringify({ type: 'hello', version: options.version }));
    const unsubscribe = options.events.subscribe((message) => {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        socket.close(1013, 'too far behind; reconnect');
        return;
      }
      socket.send(JSON.stringify(message));
    });
    socket.on('close', unsubscribe);
    socket.on('error', () => socket.terminate());
  });

  const refuse = (socket: Duplex, status: number, message: string) => {
    socket.end(
      `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${message}\n`,
    );
  };

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', () => socket.destroy());
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (pathname !== LIVE_PATH) return refuse(socket, 404, 'Only /api/live accepts WebSocket connections.');
      const port = options.port();
      const place = checkHostAndOrigin(req.headers, port, options.extraOrigins);
      if (!place.ok) return refuse(socket, place.status, place.message);
      const auth = checkToken(req.headers, options.token, port, true);
      if (!auth.ok) return refuse(socket, auth.status, auth.message);
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
