import { answerSpeed, formatAnswerTime } from '../inboundflow/answer-speed.js';
import { AUTO_DISABLE_AFTER } from '../inboundflow/auto-disable.js';
import { DELIVERY_TIMEOUT_MS } from '../inboundflow/delivery-timeout.js';
import type { CheckDelivery, CheckId, CheckResult, CheckVerdict, Scorecard } from './scorecard.js';

/**
 * The handler check's rules: each turns what one delivery got back into a verdict, a sentence and
 * a fix. Pure; the engine sends the deliveries (electron/engine/check/).
 */

/** What one delivery of the check got back, in the sender's terms. */
export interface ProbeAnswer {
  status: number | null;
  durationMs: number;
  /** InboundFlow's failure class (timeout, refused, http_302…); null on a 2xx. */
  failureClass: string | null;
  /** The deadline this delivery had: InboundFlow's, or shorter once an earlier one went unanswered. */
  timeoutMs: number;
  delivery: CheckDelivery;
}

export interface CheckContext {
  secretGiven: boolean;
  /** Failures in a row the integration already has (0 for a bare URL). */
  streak: number;
  /** InboundFlow's timeout; only tests shorten it. */
  timeoutMs?: number;
}

export const VERIFY_RAW_BYTES_FIX =
  'Verify over the raw request bytes: HMAC-SHA256 of "<X-InboundFlow-Timestamp>.<raw body>" with your secret, computed before ' +
  'any JSON parsing (e.g. express.raw({ type: "application/json" })), never over JSON.stringify(JSON.parse(body)).';

const ANSWER_FIRST_FIX = 'Return 2xx immediately, then process asynchronously (a queue or a background job).';

const is2xx = (status: number | null) => status !== null && status >= 200 && status < 300;
const is4xx = (status: number | null) => status !== null && status >= 400 && status < 500;

function result(
  id: CheckId,
  title: string,
  verdict: CheckVerdict,
  sentence: string,
  fix: string | null,
  answer: ProbeAnswer | null,
  required = true,
): CheckResult {
  return {
    id,
    title,
    required,
    verdict,
    duration_ms: answer ? Math.round(answer.durationMs) : null,
    status: answer?.status ?? null,
    failure_class: answer?.failureClass ?? null,
    sentence,
    fix,
    delivery: answer?.delivery ?? null,
  };
}

/**
 * How a failed answer reads to InboundFlow: its failure class and how many such in a row disable the
 * integration. `fullTimeoutMs` tells a shortened wait (after an earlier hang) from InboundFlow's own.
 */
export function failureSentence(answer: ProbeAnswer, streak: number, fullTimeoutMs: number = DELIVERY_TIMEOUT_MS): string {
  const left = Math.max(1, AUTO_DISABLE_AFTER - streak);
  const what =
    answer.failureClass === 'timeout'
      ? `Did not answer within ${formatAnswerTime(answer.timeoutMs)}${
          answer.timeoutMs < fullTimeoutMs
            ? ` (an earlier delivery went unanswered for ${formatAnswerTime(fullTimeoutMs)}, so the check waited less)`
            : ''
        }`
      : answer.status !== null
        ? `Answered ${answer.status}`
        : `Could not be reached (${answer.failureClass})`;
  const count =
    streak > 0
      ? `this integration already has ${streak} failure${streak === 1 ? '' : 's'} in a row, so ${left} more disable it`
      : `${AUTO_DISABLE_AFTER} such failures in a row disable the integration`;
  return `${what}: InboundFlow records this as ${answer.failureClass}; ${count}.`;
}

/** What to change for a failure class seen on a correctly signed delivery. */
export function failureFix(failureClass: string | null): string {
  if (failureClass === 'timeout') return `Answer within ${formatAnswerTime(DELIVERY_TIMEOUT_MS)}. ${ANSWER_FIRST_FIX}`;
  if (failureClass === null) return ANSWER_FIRST_FIX;
  if (/^http_3/.test(failureClass)) {
    return 'InboundFlow does not follow redirects: give the integration the final URL (the Location the handler answers with), e.g. with or without the trailing slash, https not http.';
  }
  if (failureClass === 'http_401' || failureClass === 'http_403') {
    return `The handler refuses a correctly signed delivery. ${VERIFY_RAW_BYTES_FIX} Check the secret matches the integration's.`;
  }
  if (/^http_4/.test(failureClass)) return 'Accept every InboundFlow event with a 2xx, also ones your code does not use yet.';
  if (/^http_5/.test(failureClass))
    return 'The handler crashed or refused; answer 2xx once the delivery is safely received, and handle errors after.';
  return 'Make sure the handler is reachable at this URL (running, right host and port, a trusted certificate).';
}

/** Each event type, correctly signed: 2xx within the timeout passes, above 2 s warns. */
export function judgeEvent(id: CheckId, event: string, answer: ProbeAnswer, context: CheckContext): CheckResult {
  const title = `${event}, correctly signed`;
  if (!is2xx(answer.status)) {
    return result(id, title, 'fail', failureSentence(answer, context.streak, context.timeoutMs), failureFix(answer.failureClass), answer);
  }
  const speed = answerSpeed(answer.durationMs, context.timeoutMs);
  if (speed.speed === 'quick') {
    return result(id, title, 'pass', `Answered ${answer.status} in ${formatAnswerTime(answer.durationMs)}.`, null, answer);
  }
  return result(id, title, 'warn', speed.sentence!, ANSWER_FIRST_FIX, answer);
}

/** The same delivery again, same delivery_id (InboundFlow's redelivery): must answer 2xx again. */
export function judgeRedelivery(answer: ProbeAnswer, first: ProbeAnswer, context: CheckContext): CheckResult {
  const title = 'Redelivery with the same delivery_id';
  const id = answer.delivery.delivery_id;
  if (!is2xx(answer.status)) {
    const firstFailed = !is2xx(first.status);
    return result(
      'redelivery',
      title,
      'fail',
      `The same delivery sent again (delivery_id ${id}) failed${firstFailed ? ', as the first one did' : ''}. ${failureSentence(answer, context.streak, context.timeoutMs)}`,
      firstFailed
        ? failureFix(answer.failureClass)
        : 'When a delivery_id was seen before, answer 2xx again and skip the work: InboundFlow redelivers, and a refusal counts as a failure.',
      answer,
    );
  }
  const firstNote = is2xx(first.status) ? '' : ' (the first one was refused, so this says little)';
  return result(
    'redelivery',
    title,
    'pass',
    `Answered ${answer.status} again${firstNote}. Confirm in your own system that delivery_id ${id} was processed once: Hookbench cannot see your side effects.`,
    'Keep the delivery_ids you processed (a unique key) and skip a delivery whose id is there.',
    answer,
  );
}

export type ForgeryKind = 'wrong_signature' | 'missing_signature' | 'body_changed';

const FORGERIES: Record<ForgeryKind, { id: CheckId; title: string; what: string }> = {
  wrong_signature: { id: 'forged.wrong_signature', title: 'Wrong signature', what: 'a signature made with another secret' },
  missing_signature: { id: 'forged.missing_signature', title: 'Missing signature header', what: 'no X-InboundFlow-Signature header' },
  body_changed: { id: 'forged.body_changed', title: 'Body changed after signing', what: 'a body changed after it was signed' },
};

const VERIFY_FIX = `Verify X-InboundFlow-Signature on every delivery and answer 401 when it is missing or does not match. ${VERIFY_RAW_BYTES_FIX}`;

/** A forged delivery must be refused (4xx) when the handler has a secret; a 2xx accepts forgeries. */
export function judgeForgery(
  kind: ForgeryKind,
  answer: ProbeAnswer | null,
  context: CheckContext & { validAccepted: boolean },
): CheckResult {
  const { id, title, what } = FORGERIES[kind];
  if (!context.secretGiven || answer === null) {
    return result(
      id,
      title,
      'info',
      'Not checked: no secret given, so Hookbench cannot tell whether the handler verifies signatures.',
      'Pass the signing secret (--secret) to check it.',
      null,
      false,
    );
  }
  if (is2xx(answer.status)) {
    return result(id, title, 'fail', `Accepts forged deliveries: answered ${answer.status} to ${what}.`, VERIFY_FIX, answer);
  }
  if (!context.validAccepted) {
    return result(
      id,
      title,
      'info',
      `${answer.status === null ? 'No answer' : 'Refused'} (${answer.failureClass}), but correctly signed deliveries failed too, so this says nothing about its verification.`,
      null,
      answer,
    );
  }
  if (is4xx(answer.status)) return result(id, title, 'pass', `Refused with ${answer.status}: ${what}.`, null, answer);
  return result(
    id,
    title,
    'warn',
    `Refused ${what}, but with ${answer.failureClass} rather than a 4xx.`,
    'Answer 401 (or 403) to a delivery whose signature does not verify, so the refusal reads as one.',
    answer,
  );
}

/**
 * A correctly signed delivery whose JSON is written differently from JSON.stringify's output
 * (same value): a handler that verifies the re-serialised body refuses it, one that verifies the
 * raw bytes accepts it.
 */
export function judgeReserialized(
  answer: ProbeAnswer | null,
  context: CheckContext & { validAccepted: boolean; forgeryAccepted: boolean },
): CheckResult {
  const id: CheckId = 'reserialized_body';
  const title = 'Signature over the raw bytes';
  if (!context.secretGiven || answer === null) {
    return result(id, title, 'info', 'Not checked: no secret given.', 'Pass the signing secret (--secret) to check it.', null, false);
  }
  if (!context.validAccepted || context.forgeryAccepted) {
    const why = context.forgeryAccepted ? 'the handler accepts forged deliveries' : 'correctly signed deliveries failed';
    return result(id, title, 'info', `Not judged: ${why}.`, null, answer, false);
  }
  if (is2xx(answer.status)) {
    return result(
      id,
      title,
      'pass',
      `Accepted a correctly signed body written differently from JSON.stringify's output: the signature is checked over the raw bytes.`,
      null,
      answer,
      false,
    );
  }
  return result(
    id,
    title,
    'warn',
    `Verifies only the re-serialised form: it accepts JSON.stringify's output but refused (${answer.failureClass}) the same correctly signed ` +
      "delivery written with other spacing and escapes, so it checks JSON.stringify(JSON.parse(body)), as the docs' sample does. " +
      'Any change in how the body is written breaks every delivery.',
    VERIFY_RAW_BYTES_FIX,
    answer,
    false,
  );
}

/** InboundFlow only delivers to https://; a plain http:// URL is fine for a local handler. */
export function judgeScheme(url: URL): CheckResult {
  if (url.protocol === 'https:')
    return result('https', 'HTTPS URL', 'pass', 'The URL uses https://, as InboundFlow requires.', null, null, false);
  return result(
    'https',
    'HTTPS URL',
    'info',
    'The URL uses http://: fine against a local handler, but InboundFlow only delivers to https://.',
    'Give InboundFlow the https:// URL of the deployed handler (or a tunnel).',
    null,
    false,
  );
}

/** How many deliveries the check sends: four events and a redelivery, plus three forgeries and the re-serialised body with a secret. */
export function plannedDeliveries(secretGiven: boolean): number {
  return secretGiven ? 9 : 5;
}

export interface CheckPlanInput {
  deliveries: number;
  timeoutMs: number;
  afterHangTimeoutMs: number;
}

/** How long the check can take, said before it starts: every delivery at the full timeout, or one hang then the shorter wait. */
export function checkPlan({ deliveries, timeoutMs, afterHangTimeoutMs }: CheckPlanInput): Scorecard['plan'] {
  return {
    deliveries,
    timeout_ms: timeoutMs,
    after_hang_timeout_ms: afterHangTimeoutMs,
    max_ms: deliveries * timeoutMs,
    hang_ms: deliveries === 0 ? 0 : timeoutMs + (deliveries - 1) * afterHangTimeoutMs,
  };
}

/** The scorecard's totals: ok only when no required check failed. */
export function summarize(checks: readonly CheckResult[]): Pick<Scorecard, 'ok' | 'counts'> {
  const counts = { pass: 0, warn: 0, fail: 0, info: 0 };
  for (const check of checks) counts[check.verdict] += 1;
  return { ok: !checks.some((c) => c.required && c.verdict === 'fail'), counts };
}
