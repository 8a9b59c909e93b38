/**
 * InboundFlow's failure rule ("after 10 consecutive failures, the webhook is automatically
 * disabled"): every failed attempt adds one to the integration's consecutive failure count, a
 * success sets it back to 0, and the 10th failure in a row disables the integration. A disabled
 * integration's count is frozen until it is re-enabled. The engine applies it, the insight
 * timeline replays it over stored attempts, and the UI draws its threshold.
 */

export const AUTO_DISABLE_AFTER = 10;

/** How an attempt ended; `interrupted` (stopped by Hookbench) and `sending` (unfinished) are not counted. */
export type CountedOutcome = 'succeeded' | 'failed' | 'interrupted' | 'sending';

/** The consecutive failure count after one attempt: the one place that says what counts. */
export function countAfter(count: number, outcome: CountedOutcome, enabled: boolean): number {
  if (!enabled) return count;
  if (outcome === 'succeeded') return 0;
  if (outcome === 'failed') return count + 1;
  return count;
}

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
  const consecutiveFailures = countAfter(state.consecutiveFailures, verdict.ok ? 'succeeded' : 'failed', state.enabled);
  if (consecutiveFailures === state.consecutiveFailures) return { state, disabledNow: false, changed: false };
  if (verdict.ok || consecutiveFailures < threshold) return { state: { ...state, consecutiveFailures }, disabledNow: false, changed: true };
  return {
    state: { enabled: false, consecutiveFailures, disabledReason: verdict.errorClass, disabledAt: now },
    disabledNow: true,
    changed: true,
  };
}

/** Re-enabling starts a fresh streak. */
export function reenabled(): FailureState {
  return { enabled: true, consecutiveFailures: 0, disabledReason: null, disabledAt: null };
}
