import http from 'node:http';
import https from 'node:https';
import type { RawHeaders } from '../../../shared/api/common.js';
import { classifyError } from '../dispatch/failure-class.js';
import { trustedCas } from '../dispatch/trust-store.js';
import { pairRawHeaders } from '../receiver/raw-headers.js';

export interface ExchangeRequest {
  url: URL;
  method: string;
  /** Written exactly as given (order, case, duplicates); Host and Content-Length included. */
  headers: RawHeaders;
  body: Buffer;
  timeoutMs: number;
  /** Stop the exchange early (a cancelled replay job, the engine stopping). */
  signal?: AbortSignal;
}

export type ExchangeError = 'timeout' | 'refused' | 'reset' | 'dns' | 'tls' | 'network' | 'too_large' | 'aborted';

export type ExchangeResult =
  | { ok: true; status: number; headers: RawHeaders; body: Buffer; durationMs: number }
  | { ok: false; error: ExchangeError; message: string; durationMs: number };

type Unfinished = { ok: true; status: number; headers: RawHeaders; body: Buffer } | { ok: false; error: ExchangeError; message: string };

export interface Exchange {
  send(request: ExchangeRequest): Promise<ExchangeResult>;
  close(): void;
}

function explain(error: ExchangeError, url: URL, detail: string, timeoutMs: number, limit: number): string {
  switch (error) {
    case 'timeout':
      return `${url.origin} did not answer within ${timeoutMs} ms.`;
    case 'refused':
      return `Nothing is listening at ${url.host} (${detail}); start the handler or fix the URL.`;
    case 'reset':
      return `${url.host} closed the connection before answering (${detail}).`;
    case 'dns':
      return `The host name ${url.hostname} could not be resolved (${detail}).`;
    case 'tls':
      return `The TLS handshake with ${url.host} failed (${detail}).`;
    case 'too_large':
      return `The answer from ${url.host} is larger than ${limit} bytes.`;
    case 'aborted':
      return 'Stopped before the answer arrived.';
    default:
      return `The request to ${url.host} failed (${detail}).`;
  }
}

/**
 * One HTTP exchange with exact request bytes: any method, headers as given, the whole answer read
 * (up to `maxResponseBytes`). Connections are kept alive per origin. Used by forward-to and replay.
 */
export function createExchange(options: { caPems: readonly string[]; maxResponseBytes: number }): Exchange {
  const agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true, ca: trustedCas(options.caPems) }),
  };

  const send = (request: ExchangeRequest): Promise<ExchangeResult> =>
    new Promise((resolve) => {
      const started = performance.now();
      const { url, timeoutMs, signal } = request;
      const secure = url.protocol === 'https:';
      let settled = false;
      let req: http.ClientRequest | undefined;
      // Armed before any way out, so that each one (even a synchronous one) clears it.
      const timer = setTimeout(() => fail('timeout'), timeoutMs);
      const finish = (result: Unfinished) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve({ ...result, durationMs: Math.round(performance.now() - started) });
      };
      function fail(error: ExchangeError, detail = '') {
        finish({ ok: false, error, message: explain(error, url, detail, timeoutMs, options.maxResponseBytes) });
        req?.destroy();
      }
      function onAbort() {
        fail('aborted');
      }
      if (signal?.aborted) return fail('aborted');
      try {
        req = (secure ? https : http).request({
          protocol: url.protocol,
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port || (secure ? 443 : 80),
          method: request.method,
          path: url.pathname + url.search,
          // An array keeps order, case and duplicates, and Node adds no Host of its own.
          headers: request.headers.flat() as unknown as http.OutgoingHttpHeaders,
          agent: secure ? agents.https : agents.http,
          servername: secure ? url.hostname : undefined,
        });
      } catch (error) {
        // Node refuses a method or header it cannot write; nothing was sent.
        return fail('network', (error as Error).message);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => {
        const kind = classifyError(error);
        fail(kind.startsWith('http_') ? 'network' : (kind as ExchangeError), (error as NodeJS.ErrnoException).code ?? error.message);
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > options.maxResponseBytes) fail('too_large');
          else chunks.push(chunk);
        });
        res.on('end', () =>
          finish({ ok: true, status: res.statusCode ?? 0, headers: pairRawHeaders(res.rawHeaders), body: Buffer.concat(chunks) }),
        );
        res.on('aborted', () => fail('reset', 'the answer was cut off'));
        res.on('error', (error) => fail('reset', (error as NodeJS.ErrnoException).code ?? error.message));
      });
      req.end(request.body);
    });

  return {
    send,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
