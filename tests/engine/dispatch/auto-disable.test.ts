import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyAttempt,
  AUTO_DISABLE_AFTER,
  reenabled,
  type AttemptVerdict,
  type FailureState,
} from '../../../electron/engine/dispatch/auto-disable.js';

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

  it('never disables when failures and successes alternate', () => {
    const { state, disabledAt } = run(Array.from({ length: 200 }, (_, i) => (i % 2 ? success : fail())));
    expect(disabledAt).toEqual([]);
    expect(state.enabled).toBe(true);
  });

  it('disables exactly when a run of 10 failures first completes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 120 }), (outcomes) => {
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
});
