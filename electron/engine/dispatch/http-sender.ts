import type { RawHeaders } from '../../../shared/api/common.js';
import { ATTEMPT_ANSWER_LIMIT, attemptResult, type AttemptResult } from '../outbound/attempt-result.js';
import { createExchange } from '../outbound/http-exchange.js';
import { wireHeaders } from './delivery-request.js';

export interface SendRequest {
  url: URL;
  /** The delivery's own headers; Host, Connection and Content-Length are added around them. */
  headers: RawHeaders;
  body: Buffer;
}

export interface SenderOptions {
  timeoutMs: number;
  /** PEM certificates trusted besides the system's: Hookbench's local CA. */
  extraCaPems?: readonly string[];
}

export interface Sender {
  send(request: SendRequest, stop?: AbortSignal): Promise<AttemptResult>;
  close(): Promise<void>;
}

/** The InboundFlow sender's attempts: one POST each through the outgoing exchange, judged as attempts. */
export function createSender(options: SenderOptions): Sender {
  const { timeoutMs } = options;
  const exchange = createExchange({ caPems: options.extraCaPems ?? [], answerLimit: ATTEMPT_ANSWER_LIMIT });
  return {
    async send({ url, headers, body }, stop) {
      const result = await exchange.send({
        url,
        method: 'POST',
        headers: wireHeaders(url, headers, body.byteLength),
        body,
        timeoutMs,
        signal: stop,
      });
      return attemptResult(result, timeoutMs);
    },
    // Called after every attempt was cut short, so nothing is left worth waiting for.
    close: () => Promise.resolve(exchange.close()),
  };
}
