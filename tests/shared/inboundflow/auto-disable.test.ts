import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAttempt,
  AUTO_DISABLE_AFTER,
  countAfter,
  reenabled,
  type AttemptVerdict,
  type FailureState,
} from '../../../shared/inboundflow/auto-disable.js';

const fresh: FailureState = { enabled: true, consecutiveFailures: 0, disabledReason: null, disabledAt: null };
const fail = (errorClass = 'http_500'): AttemptVerdict => ({ ok: false, errorClass });
const success: AttemptVerdict = { ok: true };

function run(verdicts: AttemptVerdict[], start = fresh) {
  let state = start;
  const disabledAt: number[] = [];
  verdicts.forEach((verdict, i) => {
    const step = applyAttempt(state, verdict, 1000 + i);
    if (step.disabledNow) disabledAt.push(i + 1);
    state = step.state;
  });
  return { state, disabledAt };
}

describe('the auto-disable rule', () => {
  it('disables after 10 consecutive failures, as InboundFlow documents', () => {
    expect(AUTO_DISABLE_AFTER).toBe(10);
  });

  it('adds one per failure and resets to 0 on a success', () => {
    expect(applyAttempt(fresh, fail(), 1).state.consecutiveFailures).toBe(1);
    const nine = run(Array(9).fill(fail())).state;
    expect(nine).toEqual({ ...fresh, consecutiveFailures: 9 });
    expect(applyAttempt(nine, success, 2)).toEqual({ state: fresh, disabledNow: false, changed: true });
    expect(applyAttempt(fresh, success, 2)).toEqual({ state: fresh, disabledNow: false, changed: false });
  });

  it('disables on exactly the 10th failure, with that failure as the reason and the time', () => {
    const { state, disabledAt } = run([...Array(9).fill(fail('timeout')), fail('dns')]);
    expect(disabledAt).toEqual([10]);
    expect(state).toEqual({ enabled: false, consecutiveFailures: 10, disabledReason: 'dns', disabledAt: 1009 });
  });

  it('leaves a disabled integration alone until it is re-enabled, then starts from 0', () => {
    const disabled = run(Array(10).fill(fail())).state;
    expect(applyAttempt(disabled, fail(), 5)).toEqual({ state: disabled, disabledNow: false, changed: false });
    expect(applyAttempt(disabled, success, 5)).toEqual({ state: disabled, disabledNow: false, changed: false });
    expect(reenabled()).toEqual(fresh);
    expect(run(Array(9).fill(fail()), reenabled()).state.enabled).toBe(true);
  });

  it('counts only finished attempts of an enabled integration: interrupted and unfinished ones leave the count', () => {
    expect(countAfter(3, 'failed', true)).toBe(4);
    expect(countAfter(3, 'succeeded', true)).toBe(0);
    expect(countAfter(3, 'interrupted', true)).toBe(3);
    expect(countAfter(3, 'sending', true)).toBe(3);
    expect(countAfter(3, 'failed', false)).toBe(3);
    expect(countAfter(3, 'succeeded', false)).toBe(3);
  });

  it('never disables when failures and successes alternate', () => {
    const { state, disabledAt } = run(Array.from({ length: 200 }, (_, i) => (i % 2 ? success : fail())));
    expect(disabledAt).toEqual([]);
    expect(state.enabled).toBe(true);
  });

  it('disables exactly when a run of 10 failures first completes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 120, size: 'max' }), (outcomes) => {
        const { state, disabledAt } = run(outcomes.map((ok) => (ok ? success : fail())));
        let streak = 0;
        let expected: number | null = null;
        outcomes.forEach((ok, i) => {
          streak = ok ? 0 : streak + 1;
          if (streak === 10 && expected === null) expected = i + 1;
        });
        expect(disabledAt).toEqual(expected === null ? [] : [expected]);
        expect(state.enabled).toBe(expected === null);
        if (expected === null) expect(state.consecutiveFailures).toBe(streak);
      }),
    );
  });

  it('follows a model step by step through long failure runs, successes and re-enables (property)', () => {
    // Runs of 0–30 failures (well past the threshold), each ended by a success, a re-enable or nothing.
    const runOf = fc.record({
      failures: fc.array(fc.constantFrom('http_500', 'timeout', 'dns', 'tls'), { maxLength: 30, size: 'max' }),
      then: fc.constantFrom('success', 'reenable', 'nothing'),
    });
    let reachedThreshold = 0;
    fc.assert(
      fc.property(fc.array(runOf, { minLength: 1, maxLength: 12, size: 'max' }), (runs) => {
        const steps = runs.flatMap(({ failures, then }) => [...failures, then]).filter((step) => step !== 'nothing');
        let state = fresh;
        let model = { enabled: true, streak: 0, reason: null as string | null, at: null as number | null };
        steps.forEach((step, now) => {
          if (step === 'reenable') {
            state = reenabled();
            model = { enabled: true, streak: 0, reason: null, at: null };
            return;
          }
          const result = applyAttempt(state, step === 'success' ? success : fail(step), now);
          const wasEnabled = model.enabled;
          if (wasEnabled && step === 'success') model.streak = 0;
          if (wasEnabled && step !== 'success') model.streak += 1;
          const disablesNow = wasEnabled && model.streak === AUTO_DISABLE_AFTER;
          if (disablesNow) model = { enabled: false, streak: model.streak, reason: step, at: now };
          expect(result.disabledNow, `step ${now}`).toBe(disablesNow);
          expect(result.changed, `step ${now}`).toBe(wasEnabled && (step !== 'success' || state.consecutiveFailures !== 0));
          expect(result.state).toEqual({
            enabled: model.enabled,
            consecutiveFailures: model.streak,
            disabledReason: model.reason,
            disabledAt: model.at,
          });
          if (disablesNow) reachedThreshold += 1;
          state = result.state;
        });
      }),
      { numRuns: 200 },
    );
    // The draws really reach the rule: many runs disable (a generator of short arrays never would).
    expect(reachedThreshold).toBeGreaterThan(100);
  });
});
