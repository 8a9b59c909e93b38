import { describe, expect, it } from 'vitest';
import { failureStreak } from '../../renderer/src/model/integrations/failure-streak.js';

const state = (consecutive_failures: number, enabled = true, disabled_reason: string | null = null) => ({
  consecutive_failures,
  enabled,
  disabled_reason,
});

describe('failureStreak', () => {
  it('fills one segment per failure in a row and says how many are left', () => {
    expect(failureStreak(state(0))).toMatchObject({ filled: 0, level: 'clear', label: '0 of 10 consecutive failures' });
    expect(failureStreak(state(3))).toMatchObject({ filled: 3, level: 'rising', label: '3 of 10 consecutive failures' });
    expect(failureStreak(state(3)).outlook).toBe('7 more failures in a row disable it; one success resets the count.');
    expect(failureStreak(state(7)).level).toBe('critical');
    expect(failureStreak(state(9)).outlook).toBe('One more failure disables it.');
  });

  it('shows a full bar once auto-disabled, and never more than ten segments', () => {
    expect(failureStreak(state(10, false, 'http_500'))).toMatchObject({
      filled: 10,
      level: 'disabled',
      label: '10 of 10 consecutive failures',
    });
    expect(failureStreak(state(14, false, 'timeout')).filled).toBe(10);
  });

  it('tells a hand-disabled integration from an auto-disabled one', () => {
    const manual = failureStreak(state(2, false, 'manual'));
    expect(manual.level).toBe('rising');
    expect(manual.outlook).toMatch(/^Disabled by hand/);
    expect(failureStreak(state(10, false, 'refused')).outlook).toMatch(/^Auto-disabled/);
  });
});
