import http from 'node:http';
import https from 'node:https';
import type { RawHeaders } from '../../../shared/api/common.js';
import { classifyError, type ConnectionFailure } from './failure-class.js';
import { trustedCas } from './trust-store.js';

/** How much of an answer's body is read. */
export interface AnswerLimit {
  /** Bytes kept. */
  keep: number;
  /** Bytes read in all before the connection is dropped; reading past `keep` lets it be reused. */
  read: number;
}

export interface ExchangeRequest {
  url: URL;
  method: string;
  /**
   * Written exactly as given (order, case, duplicates, hop-by-hop headers too), Host and
   * Content-Length included; Node adds `Connection: keep-alive` at the end only when none is given.
   */
  headers: RawHeaders;
  body: Buffer;
  /** One deadline for connecting, sending and the whole answer. */
  timeoutMs: number;
  /** Stops the exchange early (the engine stopping, a cancelled replay job). */
  signal?: AbortSignal;
}

export interface ExchangeAnswer {
  status: number;
  headers: RawHeaders;
  /** Up to the limit's `keep` bytes. */
  body: Buffer;
  /** The body kept is not all the handler meant to send: past `keep`, or cut off by a problem. */
  truncated: boolean;
}

/** Why an exchange ended before a whole answer: no connection or answer, an answer too large, or the caller's stop. */
export type ExchangeProblemKind = ConnectionFailure | 'too_large' | 'aborted';

export interface ExchangeProblem {
  kind: ExchangeProblemKind;
  /** The system's word for it (ECONNREFUSED…), or empty. */
  detail: string;
  /** A sentence naming the target, for the delivery's answer and the replay result. */
  message: string;
}

/**
 * A whole answer, or a problem: before the status line (no answer) or after it (the answer with the
 * body read so far, marked truncated).
 */
export type ExchangeResult =
  | { answer: ExchangeAnswer; problem: null; durationMs: number }
  | { answer: ExchangeAnswer | null; problem: ExchangeProblem; durationMs: number };

export interface Exchange {
  send(request: ExchangeRequest): Promise<ExchangeResult>;
  close(): void;
}

export interface ExchangeOptions {
  /** PEM certificates trusted besides the system's: Hookbench's local CA. */
  caPems: readonly string[];
  answerLimit: AnswerLimit;
}

function explain(kind: ExchangeProblemKind, url: URL, detail: string, timeoutMs: number, limit: number): string {
  switch (kind) {
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

function headerPairs(flat: readonly string[]): RawHeaders {
  const pairs: RawHeaders = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}

/**
 * The one outgoing HTTP exchange, for dispatch, forward-to and replay: any method, the request
 * bytes exactly as given, connections kept alive per origin, redirects never followed, one
 * deadline, and every way it can end early classified. Node's client, because it writes headers
 * in the order and case given; undici puts its own Host and Content-Length first and last.
 */
export function createExchange(options: ExchangeOptions): Exchange {
  const { keep, read } = options.answerLimit;
  const agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true, ca: trustedCas(options.caPems) }),
  };

  const send = (request: ExchangeRequest): Promise<ExchangeResult> =>
    new Promise((resolve) => {
      const started = performance.now();
      const { url, timeoutMs, signal } = request;
      const secure = url.protocol === 'https:';
      let req: http.ClientRequest | undefined;
      let answer: ExchangeAnswer | null = null;
      const chunks: Buffer[] = [];
      let kept = 0;
      let seen = 0;
      let settled = false;

      const finish = (problem: ExchangeProblem | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const durationMs = Math.round(performance.now() - started);
        const read = answer && { ...answer, body: Buffer.concat(chunks, kept), truncated: problem !== null || seen > kept };
        // Without a problem the answer ended whole, so its status line is in.
        resolve(problem ? { answer: read, problem, durationMs } : { answer: read!, problem, durationMs });
      };
      /** Ends the exchange early; once the status line is in, the answer keeps what arrived. */
      function end(kind: ExchangeProblemKind, detail = '') {
        finish({ kind, detail, message: explain(kind, url, detail, timeoutMs, read) });
        req?.destroy();
      }
      function onAbort() {
        end('aborted');
      }
      // Armed before any way out, so that each one (even a synchronous one) clears it.
      const timer = setTimeout(() => end('timeout'), timeoutMs);
      if (signal?.aborted) return end('aborted');
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
        });
      } catch (error) {
        // Node refuses a method or header it cannot write; nothing was sent.
        return end(classifyError(error), (error as Error).message);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (answer) end('reset', error.code ?? error.message);
        else end(classifyError(error), error.code ?? error.message);
      });
      req.on('response', (res) => {
        answer = { status: res.statusCode ?? 0, headers: headerPairs(res.rawHeaders), body: Buffer.alloc(0), truncated: false };
        res.on('data', (chunk: Buffer) => {
          seen += chunk.byteLength;
          if (kept < keep) {
            const part = chunk.byteLength <= keep - kept ? chunk : chunk.subarray(0, keep - kept);
            chunks.push(part);
            kept += part.byteLength;
          }
          if (seen > read) end('too_large');
        });
        res.on('end', () => finish(null));
        res.on('error', (error: NodeJS.ErrnoException) => end('reset', error.code ?? error.message));
        res.on('close', () => {
          if (!res.complete) end('reset', 'the answer was cut off');
        });
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
