import { describe, expect, it } from 'vitest';
import type { CheckResult, Scorecard } from '../../shared/handler-check/scorecard.js';
import { answerText, runningText, scorecardHeadline } from '../../renderer/src/model/handler-check/scorecard-view.js';

const check = (over: Partial<CheckResult>): CheckResult => ({
  id: 'redelivery',
  title: 'Redelivery with the same delivery_id',
  required: true,
  verdict: 'pass',
  duration_ms: 12,
  status: 200,
  failure_class: null,
  sentence: '',
  fix: null,
  delivery: null,
  ...over,
});

const card = (checks: CheckResult[], ok: boolean, counts: Scorecard['counts']) => ({ checks, ok, counts, duration_ms: 3_140 }) as Scorecard;

describe('scorecard view', () => {
  it('heads a passing scorecard with the counts and the time', () => {
    expect(scorecardHeadline(card([check({})], true, { pass: 9, warn: 0, fail: 0, info: 1 }))).toBe(
      'Follows InboundFlow’s contract · 9 pass, 0 warn, 0 fail, 1 info · 3.1 s',
    );
  });

  it('counts only required failures in the headline of a failing one', () => {
    const checks = [check({ verdict: 'fail' }), check({ verdict: 'fail' }), check({ verdict: 'warn', required: false })];
    expect(scorecardHeadline(card(checks, false, { pass: 0, warn: 1, fail: 2, info: 0 }))).toMatch(/^2 required checks failed · /);
  });

  it('shows the status or the failure class with the time, and nothing when nothing was sent', () => {
    expect(answerText(check({}))).toBe('200 · 12 ms');
    expect(answerText(check({ status: null, failure_class: 'timeout', duration_ms: 10_004 }))).toBe('timeout · 10.0 s');
    expect(answerText(check({ duration_ms: null, status: null }))).toBeNull();
  });

  it('says how long the check can take while it runs', () => {
    expect(runningText(true)).toBe('Sending 9 deliveries one at a time: a second for a quick handler, 26 s if it hangs, at most 90 s.');
    expect(runningText(false)).toMatch(/^Sending 5 deliveries/);
  });
});
