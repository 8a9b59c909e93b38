import { describe, expect, it } from 'vitest';
import { checkPlan, failureSentence, judgeForgery, summarize, type ProbeAnswer } from '../../../shared/handler-check/check-rules.js';
import type { CheckResult } from '../../../shared/handler-check/scorecard.js';

const answer = (status: number | null, failureClass: string | null): ProbeAnswer => ({
  status,
  durationMs: 12,
  failureClass,
  timeoutMs: 10_000,
  delivery: { record_id: null, delivery_id: 'd-1' },
});

describe('handler check rules', () => {
  it('counts down from the integration’s current failure streak to the auto-disable', () => {
    expect(failureSentence(answer(500, 'http_500'), 0)).toBe(
      'Answered 500: InboundFlow records this as http_500; 10 such failures in a row disable the integration.',
    );
    expect(failureSentence(answer(null, 'timeout'), 7)).toBe(
      'Did not answer within 10.0 s: InboundFlow records this as timeout; this integration already has 7 failures in a row, so 3 more disable it.',
    );
  });

  it('calls a 2xx to a forgery a failure only when a secret was given', () => {
    const context = { secretGiven: true, streak: 0, validAccepted: true };
    expect(judgeForgery('wrong_signature', answer(200, null), context).verdict).toBe('fail');
    expect(judgeForgery('wrong_signature', answer(401, 'http_401'), context).verdict).toBe('pass');
    expect(judgeForgery('wrong_signature', answer(500, 'http_500'), context).verdict).toBe('warn');
    expect(judgeForgery('wrong_signature', null, { ...context, secretGiven: false })).toMatchObject({ verdict: 'info', required: false });
  });

  it('says up front how long the check can take, and how long against a hang', () => {
    expect(checkPlan({ deliveries: 9, timeoutMs: 10_000, afterHangTimeoutMs: 2_000 })).toEqual({
      deliveries: 9,
      timeout_ms: 10_000,
      after_hang_timeout_ms: 2_000,
      max_ms: 90_000,
      hang_ms: 26_000,
    });
  });

  it('is ok unless a required check failed', () => {
    const check = (verdict: CheckResult['verdict'], required: boolean) => ({ verdict, required }) as CheckResult;
    expect(summarize([check('pass', true), check('warn', false), check('info', false)]).ok).toBe(true);
    expect(summarize([check('pass', true), check('fail', true)])).toEqual({ ok: false, counts: { pass: 1, warn: 0, fail: 1, info: 0 } });
  });
});
