import http from 'node:http';
import { listen } from '../listen.js';
import type { Ingest } from '../receiver/ingest.js';
import { createRequestHandling, receivingServerOptions } from '../receiver/request-handling.js';

export interface TunnelIngressOptions {
  /** The provider's tunnel ingest (see tunnel-ingest.ts): tags, answers probes, stores the rest. */
  ingest: Ingest;
  maxBody: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  log?: (line: string) => void;
}

export interface TunnelIngress {
  host: string;
  port: number;
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then cuts what is left. */
  close(graceMs: number): Promise<void>;
}

/**
 * The loopback HTTP server a provider forwards its public traffic to (cloudflared, the ngrok SDK,
 * localtunnel sockets). It handles requests exactly as the receiver does, methods Node refuses
 * included; only the ingest differs. Loopback only: nothing else on the network reaches it.
 */
export async function startTunnelIngress(options: TunnelIngressOptions): Promise<TunnelIngress> {
  const handling = createRequestHandling(
    { maxBody: options.maxBody, requestTimeoutMs: options.requestTimeoutMs, via: 'tunnel', log: options.log },
    options.ingest,
  );
  const server = http.createServer(receivingServerOptions(options.headersTimeoutMs, options.requestTimeoutMs), handling.onRequest(false));
  (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  server.on('clientError', handling.onClientError(false));
  server.on('checkContinue', handling.onCheckContinue(false));
  const host = '127.0.0.1';
  const port = await listen(server, 0, host, 'tunnel ingress', 'the tunnel');
  let closing: Promise<void> | null = null;
  return {
    host,
    port,
    url: `http://${host}:${port}`,
    close(graceMs) {
      closing ??= (async () => {
        const closed = new Promise((r) => server.close(r));
        server.closeIdleConnections();
        await handling.drain(graceMs);
        server.closeAllConnections();
        handling.destroyRawSockets();
        await closed;
      })();
      return closing;
    },
  };
}
