import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, reconnectDelay } from '../../renderer/src/services/common/reconnect-backoff.js';

describe('reconnectDelay', () => {
  it('doubles from half a second and stops growing at the cap', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3].map((a) => reconnectDelay(a, middle))).toEqual([500, 1000, 2000, 4000]);
    expect(reconnectDelay(20, middle)).toBe(BACKOFF_MAX_MS);
  });

  it('jitters within ±20%', () => {
    expect(reconnectDelay(1, () => 0)).toBe(800);
    expect(reconnectDelay(1, () => 1)).toBe(1200);
  });
});
