/**
 * InboundFlow's failure rule: every failed attempt adds one to the integration's consecutive
 * failure count, a success sets it back to 0, and the 10th failure in a row disables the
 * integration. A disabled integration's count is frozen until it is re-enabled.
 */

export const AUTO_DISABLE_AFTER = 10;

export interface FailureState {
  enabled: boolean;
  consecutiveFailures: number;
  disabledReason: string | null;
  disabledAt: number | null;
}

export type AttemptVerdict = { ok: true } | { ok: false; errorClass: string };

export interface FailureStep {
  state: FailureState;
  /** True only on the attempt that crossed the threshold. */
  disabledNow: boolean;
  changed: boolean;
}

export function applyAttempt(state: FailureState, verdict: AttemptVerdict, now: number, threshold = AUTO_DISABLE_AFTER): FailureStep {
  if (!state.enabled) return { state, disabledNow: false, changed: false };
  if (verdict.ok) {
    const changed = state.consecutiveFailures !== 0;
    return { state: changed ? { ...state, consecutiveFailures: 0 } : state, disabledNow: false, changed };
  }
  const consecutiveFailures = state.consecutiveFailures + 1;
  if (consecutiveFailures >= threshold) {
    return {
      state: { enabled: false, consecutiveFailures, disabledReason: verdict.errorClass, disabledAt: now },
      disabledNow: true,
      changed: true,
    };
  }
  return { state: { ...state, consecutiveFailures }, disabledNow: false, changed: true };
}

/** Re-enabling starts a fresh streak. */
export function reenabled(): FailureState {
  return { enabled: true, consecutiveFailures: 0, disabledReason: null, disabledAt: null };
}
