import type { DeliveryAnswer } from '../../../shared/api/responses.js';
import { jsonResponse, type CapturedRequest, type RecordedResponse, type ResponsePlan } from '../inbound/captured-request.js';
import { inboxSlugOf } from '../inbound/routing.js';
import { forwardUrl, outgoingHeaders, relayedHeaders } from './forward-request.js';
import type { Exchange } from '../outbound/http-exchange.js';

export interface ForwardTarget {
  forwardTo: string;
  timeoutMs: number;
}

export interface ForwardOutcome {
  plan: ResponsePlan;
  recorded: RecordedResponse;
  answer: DeliveryAnswer;
}

/** Hookbench's own receiver as a target would forward every delivery to itself, forever. */
export type SelfCheck = (url: URL) => boolean;

/**
 * Sends a stored delivery on to the inbox's handler with its exact method, path suffix, query,
 * headers and bytes, and turns the handler's answer (or its absence) into the sender's answer.
 */
export async function forwardRequest(
  exchange: Exchange,
  request: CapturedRequest,
  target: ForwardTarget,
  isSelf: SelfCheck,
): Promise<ForwardOutcome> {
  const url = forwardUrl(target.forwardTo, request.target, inboxSlugOf(request.target) !== null);
  const failed = (status: 502 | 504, code: string, message: string, durationMs: number): ForwardOutcome => {
    const plan = jsonResponse(status, { error: status === 504 ? 'forward_timeout' : 'forward_failed', message });
    const outcome = status === 504 ? 'timeout' : 'failed';
    return {
      plan,
      recorded: plan,
      answer: { source: 'forward', outcome, target: url.href, duration_ms: durationMs, error: { code, message } },
    };
  };
  if (isSelf(url)) {
    return failed(
      502,
      'loop',
      `forward_to ${url.origin} is Hookbench's own receiver; the delivery would be forwarded to itself forever. Point it at your handler.`,
      0,
    );
  }
  const result = await exchange.send({
    url,
    method: request.method,
    headers: outgoingHeaders(request.headers, url, request.method, request.body.byteLength),
    body: request.body,
    timeoutMs: target.timeoutMs,
  });
  // Only a whole answer can be passed on; one cut short is a failure like no answer at all.
  if (result.problem) {
    const { kind, message } = result.problem;
    const reason =
      kind === 'timeout'
        ? `The handler at ${url.href} did not answer within ${target.timeoutMs} ms (forward_timeout_ms); the delivery was stored.`
        : `${message} The delivery was stored.`;
    return failed(kind === 'timeout' ? 504 : 502, kind, reason, result.durationMs);
  }
  const { answer } = result;
  const plan = {
    status: answer.status,
    headers: relayedHeaders(answer.headers, answer.status, request.method, answer.body.byteLength),
    body: answer.body,
  };
  // Stored as the sender got it, like every other answer.
  return { plan, recorded: plan, answer: { source: 'forward', outcome: 'sent', target: url.href, duration_ms: result.durationMs } };
}

const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$/i;

/** True for URLs that reach Hookbench's own receiver ports on this machine. */
export function receiverSelfCheck(receiverUrls: readonly string[]): SelfCheck {
  const own = receiverUrls.map((text) => new URL(text));
  const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');
  return (url) =>
    own.some((receiver) => portOf(receiver) === portOf(url) && (LOCAL_HOST.test(url.hostname) || url.hostname === receiver.hostname));
}
