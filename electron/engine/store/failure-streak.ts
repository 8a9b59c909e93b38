import type { TimelineAttempt } from '../../../shared/api/insight.js';
import { countAfter } from '../../../shared/inboundflow/auto-disable.js';

export interface StreakAttempt {
  /** The delivery_attempts rowid: the order attempts were recorded in. */
  rowid: number;
  outcome: TimelineAttempt['outcome'];
}

export interface StreakChange {
  kind: 'disabled' | 'enabled';
  /** The newest attempt rowid when the change happened: it comes after that attempt. */
  last_attempt: number;
}

/**
 * The consecutive failure count after each attempt, replaying the auto-disable rule
 * (shared/inboundflow/auto-disable.ts) with the recorded disables and re-enables; a re-enable
 * sets it to 0. Attempts and changes come oldest first.
 */
export function failureStreaks(attempts: readonly StreakAttempt[], changes: readonly StreakChange[], enabledAtStart: boolean): number[] {
  let enabled = enabledAtStart;
  let streak = 0;
  let next = 0;
  return attempts.map((attempt) => {
    for (; next < changes.length && changes[next].last_attempt < attempt.rowid; next++) {
      enabled = changes[next].kind === 'enabled';
      if (enabled) streak = 0;
    }
    streak = countAfter(streak, attempt.outcome, enabled);
    return streak;
  });
}
