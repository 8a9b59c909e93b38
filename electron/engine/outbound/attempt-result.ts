import type { RawHeaders } from '../../../shared/api/common.js';
import { classifyStatus, type FailureClass } from './failure-class.js';
import type { AnswerLimit, ExchangeResult } from './http-exchange.js';

/** Response bodies are stored up to this size and marked as cut beyond it. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

/** What a delivery attempt reads: 64 KiB kept, 1 MiB more read and dropped so the connection can be reused; beyond it the connection is closed. */
export const ATTEMPT_ANSWER_LIMIT: AnswerLimit = { keep: RESPONSE_BODY_LIMIT, read: RESPONSE_BODY_LIMIT + 1024 * 1024 };

/** One delivery attempt as it is stored and shown: the exchange judged by InboundFlow's rules. */
export interface AttemptResult {
  /** succeeded: a 2xx; failed: anything else; interrupted: stopped by the engine before any answer. */
  outcome: 'succeeded' | 'failed' | 'interrupted';
  durationMs: number;
  status: number | null;
  responseHeaders: RawHeaders | null;
  responseBody: Buffer | null;
  truncated: boolean;
  errorClass: FailureClass | null;
  errorMessage: string | null;
}

/** A sentence for the attempt log that says what happened in terms a user can act on. */
export function describeFailure(errorClass: FailureClass, detail: string, timeoutMs: number): string {
  switch (errorClass) {
    case 'timeout':
      return `No response within ${timeoutMs} ms; InboundFlow gives up after its delivery timeout. Answer with a 2xx first and do slow work afterwards.`;
    case 'dns':
      return `The host name could not be resolved (${detail}). Check the URL for typos.`;
    case 'refused':
      return `The connection was refused (${detail}); nothing is listening at that address and port.`;
    case 'reset':
      return `The connection was closed before a response arrived (${detail}).`;
    case 'tls':
      return `The TLS handshake failed (${detail}); the endpoint needs a certificate from a trusted CA that matches its host name.`;
    case 'network':
      return `The request could not be sent (${detail}).`;
    default:
      return `The endpoint answered ${errorClass.slice(5)}; only a 2xx counts as delivered${/^http_3/.test(errorClass) ? ' and redirects are not followed' : ''}.`;
  }
}

/**
 * Once the status line is in, the verdict stands (a 2xx succeeds even if its body was then cut
 * short); without one, the attempt failed with the connection's failure class, or was
 * interrupted when the engine stopped it.
 */
export function attemptResult({ answer, problem, durationMs }: ExchangeResult, timeoutMs: number): AttemptResult {
  if (answer) {
    const errorClass = classifyStatus(answer.status);
    return {
      outcome: errorClass ? 'failed' : 'succeeded',
      durationMs,
      status: answer.status,
      responseHeaders: answer.headers,
      responseBody: answer.body,
      truncated: answer.truncated,
      errorClass,
      errorMessage: errorClass ? describeFailure(errorClass, '', timeoutMs) : null,
    };
  }
  const unanswered = { durationMs, status: null, responseHeaders: null, responseBody: null, truncated: false };
  if (!problem || problem.kind === 'aborted') {
    return { ...unanswered, outcome: 'interrupted', errorClass: null, errorMessage: 'Hookbench stopped before the endpoint answered.' };
  }
  // Without a status line the body limit cannot be the reason.
  const errorClass = problem.kind === 'too_large' ? 'network' : problem.kind;
  return { ...unanswered, outcome: 'failed', errorClass, errorMessage: describeFailure(errorClass, problem.detail, timeoutMs) };
}
