import type { CheckVerdict, Scorecard } from '../../../shared/handler-check/scorecard.js';
import { formatAnswerTime } from '../../../shared/inboundflow/answer-speed.js';

const LABEL: Record<CheckVerdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', info: 'INFO' };

const seconds = (ms: number) => `${Math.round(ms / 1_000)} s`;

/** The line said before the first delivery leaves: what will be sent and how long it can take. */
export function planLine(url: string, plan: Scorecard['plan']): string {
  return (
    `Checking ${url}: ${plan.deliveries} deliveries, one at a time, each waiting up to ${seconds(plan.timeout_ms)} as InboundFlow does ` +
    `(a handler that hangs takes ${seconds(plan.hang_ms)}; never more than ${seconds(plan.max_ms)}).`
  );
}

/** The scorecard for a terminal: one block per check (verdict, title, answer), its sentence and fix, then the totals. */
export function scorecardText(card: Scorecard): string {
  const titleWidth = Math.max(...card.checks.map((c) => c.title.length));
  const lines: string[] = [];
  for (const check of card.checks) {
    const answer = check.duration_ms === null ? '' : `${check.status ?? check.failure_class}  ${formatAnswerTime(check.duration_ms)}`;
    lines.push(`${LABEL[check.verdict]}  ${check.title.padEnd(titleWidth)}  ${answer}`.trimEnd());
    lines.push(`      ${check.sentence}`);
    if (check.fix && check.verdict !== 'pass') lines.push(`      fix: ${check.fix}`);
  }
  const { pass, warn, fail, info } = card.counts;
  const verdict = card.ok
    ? 'every required check passed'
    : `${card.checks.filter((c) => c.required && c.verdict === 'fail').length} required check(s) failed`;
  lines.push(
    '',
    `${pass} pass, ${warn} warn, ${fail} fail, ${info} info in ${formatAnswerTime(card.duration_ms)}: ${verdict}.`,
    `Each delivery is stored in Hookbench as an outgoing delivery; InboundFlow disables an integration after ${card.disable_after} failures in a row.`,
  );
  return `${lines.join('\n')}\n`;
}
