import { describe, expect, it } from 'vitest';
import { formatByteSize } from '../../renderer/src/model/common/byte-size.js';
import { formatRelativeTime } from '../../renderer/src/model/common/relative-time.js';

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-02-24T21:00:00.000Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it('reads as seconds, minutes, hours and days, then a date', () => {
    expect(formatRelativeTime(ago(1000), now)).toBe('just now');
    expect(formatRelativeTime(ago(42_000), now)).toBe('42s ago');
    expect(formatRelativeTime(ago(5 * 60_000), now)).toBe('5m ago');
    expect(formatRelativeTime(ago(3 * 3_600_000), now)).toBe('3h ago');
    expect(formatRelativeTime(ago(2 * 86_400_000), now)).toBe('2d ago');
    expect(formatRelativeTime(ago(30 * 86_400_000), now)).toBe('2026-01-25');
  });

  it('treats a time slightly in the future (clock skew) as just now and garbage as a dash', () => {
    expect(formatRelativeTime(ago(-3000), now)).toBe('just now');
    expect(formatRelativeTime('not a time', now)).toBe('—');
  });
});

describe('formatByteSize', () => {
  it('uses binary units like the engine limits do', () => {
    expect(formatByteSize(0)).toBe('0 B');
    expect(formatByteSize(1023)).toBe('1023 B');
    expect(formatByteSize(1536)).toBe('1.5 KiB');
    expect(formatByteSize(10 * 1024 * 1024)).toBe('10 MiB');
    expect(formatByteSize(250 * 1024)).toBe('250 KiB');
  });
});
