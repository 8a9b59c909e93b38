import { checkPlan, plannedDeliveries } from '../../../../shared/handler-check/check-rules.js';
import type { CheckVerdict, Scorecard } from '../../../../shared/handler-check/scorecard.js';
import { formatAnswerTime, SLOW_ANSWER_MS } from '../../../../shared/inboundflow/answer-speed.js';
import { DELIVERY_TIMEOUT_MS } from '../../../../shared/inboundflow/delivery-timeout.js';

export const VERDICT_LABEL: Record<CheckVerdict, string> = { pass: 'Pass', warn: 'Warn', fail: 'Fail', info: 'Info' };

/** What the button says while the check runs: how many deliveries and how long it can take. */
export function runningText(secretGiven: boolean): string {
  const plan = checkPlan({
    deliveries: plannedDeliveries(secretGiven),
    timeoutMs: DELIVERY_TIMEOUT_MS,
    afterHangTimeoutMs: SLOW_ANSWER_MS,
  });
  return `Sending ${plan.deliveries} deliveries one at a time: a second for a quick handler, ${Math.round(plan.hang_ms / 1000)} s if it hangs, at most ${Math.round(plan.max_ms / 1000)} s.`;
}

/** The scorecard's headline: passed or how many required checks failed, with the counts. */
export function scorecardHeadline(card: Scorecard): string {
  const failed = card.checks.filter((c) => c.required && c.verdict === 'fail').length;
  const verdict = card.ok ? 'Follows InboundFlow’s contract' : `${failed} required check${failed === 1 ? '' : 's'} failed`;
  return `${verdict} · ${card.counts.pass} pass, ${card.counts.warn} warn, ${card.counts.fail} fail, ${card.counts.info} info · ${formatAnswerTime(card.duration_ms)}`;
}

/** A check's answer in a few characters: "200 · 12 ms", "timeout · 10.0 s", or nothing when nothing was sent. */
export function answerText(check: Scorecard['checks'][number]): string | null {
  if (check.duration_ms === null) return null;
  return `${check.status ?? check.failure_class ?? '—'} · ${formatAnswerTime(check.duration_ms)}`;
}
