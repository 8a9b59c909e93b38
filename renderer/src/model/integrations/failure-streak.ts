import type { Integration } from '../../../../shared/api/integrations.js';
import { AUTO_DISABLE_AFTER } from '../../../../shared/inboundflow/auto-disable.js';

export type StreakLevel = 'clear' | 'rising' | 'critical' | 'disabled';

export interface FailureStreak {
  failures: number;
  threshold: number;
  /** Segments to fill, 0…threshold. */
  filled: number;
  level: StreakLevel;
  /** "3 of 10 consecutive failures": what a screen reader hears and the bar's caption. */
  label: string;
  /** What happens next, in words: "7 more in a row disable it". */
  outlook: string;
}

/** How close an integration is to auto-disable, for the 10-segment bar. */
export function failureStreak(
  integration: Pick<Integration, 'consecutive_failures' | 'enabled' | 'disabled_reason'>,
  threshold = AUTO_DISABLE_AFTER,
): FailureStreak {
  const failures = Math.max(0, integration.consecutive_failures);
  const filled = Math.min(failures, threshold);
  const autoDisabled = !integration.enabled && integration.disabled_reason !== 'manual';
  const left = threshold - failures;
  const level: StreakLevel =
    autoDisabled || failures >= threshold ? 'disabled' : failures === 0 ? 'clear' : left <= 3 ? 'critical' : 'rising';
  const label = `${filled} of ${threshold} consecutive failures`;
  let outlook: string;
  if (!integration.enabled)
    outlook = autoDisabled
      ? 'Auto-disabled: nothing is sent until it is re-enabled.'
      : 'Disabled by hand: nothing is sent until it is re-enabled.';
  else if (failures === 0) outlook = 'No failures since the last success.';
  else if (left <= 1) outlook = 'One more failure disables it.';
  else outlook = `${left} more failures in a row disable it; one success resets the count.`;
  return { failures, threshold, filled, level, label, outlook };
}
