import http from 'node:http';
import https from 'node:https';
import { listen, urlHost } from '../listen.js';
import type { Ingest } from './ingest.js';
import { createRequestHandling, receivingServerOptions } from './request-handling.js';

export interface ReceiverOptions {
  host: string;
  httpPort: number;
  httpsPort: number;
  maxBody: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  tls: { cert: string; key: string };
  log?: (line: string) => void;
}

export interface Receiver {
  httpUrl: string;
  httpsUrl: string;
  /** Stops accepting, lets in-flight requests finish (up to graceMs), then cuts what is left. */
  close(graceMs: number): Promise<void>;
}

export async function startReceiver(options: ReceiverOptions, ingest: Ingest): Promise<Receiver> {
  const handling = createRequestHandling(
    { maxBody: options.maxBody, requestTimeoutMs: options.requestTimeoutMs, via: 'direct', log: options.log },
    ingest,
  );
  const serverOptions = receivingServerOptions(options.headersTimeoutMs, options.requestTimeoutMs);
  const httpServer = http.createServer(serverOptions, handling.onRequest(false));
  const httpsServer = https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, handling.onRequest(true));
  // A sender that half-closes after its request still gets its answer once the delivery is stored.
  for (const server of [httpServer, httpsServer]) (server as unknown as { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  httpServer.on('clientError', handling.onClientError(false));
  httpsServer.on('clientError', handling.onClientError(true));
  // Without these Node answers every `Expect: 100-continue` with 100 Continue, even for a body the receiver will refuse.
  httpServer.on('checkContinue', handling.onCheckContinue(false));
  httpsServer.on('checkContinue', handling.onCheckContinue(true));

  const httpPort = await listen(httpServer, options.httpPort, options.host, 'HTTP receiver', '--http-port');
  let httpsPort: number;
  try {
    httpsPort = await listen(httpsServer, options.httpsPort, options.host, 'HTTPS receiver', '--https-port');
  } catch (error) {
    httpServer.close();
    throw error;
  }

  return {
    httpUrl: `http://${urlHost(options.host)}:${httpPort}`,
    httpsUrl: `https://${urlHost(options.host)}:${httpsPort}`,
    async close(graceMs) {
      const closed = Promise.all([httpServer, httpsServer].map((s) => new Promise((r) => s.close(r))));
      httpServer.closeIdleConnections();
      httpsServer.closeIdleConnections();
      await handling.drain(graceMs);
      httpServer.closeAllConnections();
      httpsServer.closeAllConnections();
      handling.destroyRawSockets();
      await closed;
    },
  };
}
