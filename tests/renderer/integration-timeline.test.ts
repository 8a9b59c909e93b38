import { describe, expect, it } from 'vitest';
import type { IntegrationTimeline, TimelineAttempt } from '../../shared/api/insight.js';
import { readChartTheme } from '../../renderer/src/model/common/chart-theme.js';
import {
  hasTimelineBars,
  LOW_BAR,
  markerLabel,
  timelineColors,
  timelineModel,
  timelineSummary,
  timelineTooltip,
  touchesIntegration,
} from '../../renderer/src/model/integrations/integration-timeline.js';
import { outgoing } from './support/integration-fixtures.js';

const at = (second: number) => new Date(Date.UTC(2026, 2, 6, 14, 0, 0) + second * 1000).toISOString();

function attempt(
  second: number,
  outcome: TimelineAttempt['outcome'],
  streak: number,
  extra: Partial<TimelineAttempt> = {},
): TimelineAttempt {
  return {
    delivery: `dlv_${second}`,
    event: 'call.completed',
    attempt: 1,
    started_at: at(second),
    duration_ms: 12,
    outcome,
    status: outcome === 'succeeded' ? 200 : outcome === 'failed' ? 500 : null,
    error_class: outcome === 'failed' ? 'http_500' : null,
    streak,
    ...extra,
  };
}

/** One success, then ten failures in a row that auto-disable it, two skips, a re-enable and a success. */
function streakToDisable(): IntegrationTimeline {
  const failures = Array.from({ length: 10 }, (_, i) => attempt(2 + i, 'failed', i + 1));
  return {
    integration_id: 'int_1',
    threshold: 10,
    attempts: [attempt(1, 'succeeded', 0), ...failures, attempt(30, 'succeeded', 0)],
    changes: [
      { at: at(11.5), kind: 'disabled', reason: 'http_500' },
      { at: at(25), kind: 'enabled', reason: null },
    ],
    skipped: [
      { delivery: 'dlv_s1', event: 'call.completed', at: at(15) },
      { delivery: 'dlv_s2', event: 'lead.created', at: at(20) },
    ],
    truncated: false,
  };
}

describe('timelineModel', () => {
  it('draws each failure as tall as the streak after it, so a streak climbs like stairs', () => {
    const model = timelineModel(streakToDisable());
    const failed = model.items.filter((item) => item.kind === 'failed');
    expect(failed.map((item) => item.height)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(model.items[0]).toMatchObject({ kind: 'succeeded', height: LOW_BAR });
    expect(model).toMatchObject({ attempts: 12, failed: 10, skipped: 2, maxStreak: 10, threshold: 10 });
    expect(model.yMax).toBeGreaterThan(10);
  });

  it('puts skipped deliveries in time order between the attempts, keeping the streak they follow', () => {
    const model = timelineModel(streakToDisable());
    expect(model.items.map((item) => item.kind)).toEqual([
      'succeeded',
      ...Array<string>(10).fill('failed'),
      'skipped',
      'skipped',
      'succeeded',
    ]);
    expect(model.items[11]).toMatchObject({ delivery: 'dlv_s1', attempt: null, streak: 10, height: LOW_BAR });
  });

  it('places the disable right after the failure that caused it and the enable before the next attempt', () => {
    const model = timelineModel(streakToDisable());
    expect(model.markers).toEqual([
      { kind: 'disabled', at: at(11.5), reason: 'http_500', position: 10.5 },
      { kind: 'enabled', at: at(25), reason: null, position: 12.5 },
    ]);
  });

  it('puts changes before every attempt at the start, and after all of them at the end', () => {
    const model = timelineModel({
      ...streakToDisable(),
      attempts: [attempt(10, 'failed', 1)],
      skipped: [],
      changes: [
        { at: at(5), kind: 'enabled', reason: null },
        { at: at(20), kind: 'disabled', reason: 'manual' },
      ],
    });
    expect(model.markers.map((marker) => marker.position)).toEqual([-0.5, 0.5]);
  });

  it('keeps interrupted attempts low and lets the axis grow past a streak longer than the threshold', () => {
    const model = timelineModel({
      ...streakToDisable(),
      attempts: [attempt(1, 'interrupted', 0), ...Array.from({ length: 14 }, (_, i) => attempt(2 + i, 'failed', i + 1))],
      changes: [],
      skipped: [],
    });
    expect(model.items[0]).toMatchObject({ kind: 'interrupted', height: LOW_BAR });
    expect(model.yMax).toBe(14);
  });
});

describe('hasTimelineBars', () => {
  it('draws a chart for attempts or skips, not for disables and enables alone', () => {
    const empty = { attempts: [], skipped: [], changes: [], threshold: 10, truncated: false };
    const change = { kind: 'enabled' as const, at: '2026-03-06T14:00:00.000Z', reason: null };
    expect(hasTimelineBars({ ...empty, changes: [change] } as unknown as IntegrationTimeline)).toBe(false);
    expect(
      hasTimelineBars({ ...empty, skipped: [{ delivery: 'dlv_1', event: null, at: change.at }] } as unknown as IntegrationTimeline),
    ).toBe(true);
  });
});

describe('timelineColors', () => {
  it('colours failures and successes like the 5xx and 2xx badges, interruptions grey and skips like the Skipped badge', () => {
    const colours: Record<string, string> = {
      '--status-5xx': '#ff7b4f',
      '--status-2xx': '#3ccfa2',
      '--status-none': '#8a93a0',
      '--status-4xx': '#f0b429',
      '--status-4xx-bg': '#33280f',
    };
    const theme = readChartTheme((name) => colours[name] ?? '', 'dark');
    const items = timelineModel({
      ...streakToDisable(),
      attempts: [attempt(1, 'succeeded', 0), attempt(2, 'failed', 1), attempt(3, 'interrupted', 1)],
      skipped: [{ delivery: 'dlv_s', event: null, at: at(4) }],
      changes: [],
    }).items;
    expect(timelineColors(items, theme)).toEqual({
      fill: ['#3ccfa2', '#ff7b4f', '#8a93a0', '#33280f'],
      border: ['#3ccfa2', '#ff7b4f', '#8a93a0', '#f0b429'],
    });
  });
});

describe('timeline text', () => {
  it('tells time, outcome, failure class, duration and the streak in the tooltip', () => {
    const [, failed] = timelineModel(streakToDisable()).items;
    expect(timelineTooltip(failed, 10, 'UTC')).toEqual({
      title: '14:00:02',
      lines: ['Failed · HTTP 500 · 12 ms', 'call.completed', 'Streak 1 of 10', 'Click to open the delivery'],
    });
    const retry = timelineModel({
      ...streakToDisable(),
      attempts: [attempt(3, 'succeeded', 0, { attempt: 2, duration_ms: 1500 })],
      skipped: [],
    }).items[0];
    expect(timelineTooltip(retry, 10, 'UTC')).toMatchObject({
      title: '14:00:03 · attempt 2',
      lines: ['Delivered · 200 · 1.5 s', 'call.completed', 'Streak 0 of 10', 'Click to open the delivery'],
    });
    const skipped = timelineModel(streakToDisable()).items[11];
    expect(timelineTooltip(skipped, 10, 'UTC').lines).toEqual(['Skipped while disabled', 'call.completed', 'Click to open the delivery']);
  });

  it('labels markers and sums the timeline up', () => {
    expect(markerLabel({ kind: 'disabled', reason: 'http_500' })).toBe('auto-disabled · HTTP 500');
    expect(markerLabel({ kind: 'disabled', reason: 'manual' })).toBe('disabled by hand');
    expect(markerLabel({ kind: 'enabled', reason: null })).toBe('re-enabled');
    expect(timelineSummary(timelineModel(streakToDisable()))).toBe('12 attempts · 10 failed · longest streak 10 of 10 · 2 skipped');
    expect(
      timelineSummary(
        timelineModel({ ...streakToDisable(), attempts: [attempt(1, 'succeeded', 0)], skipped: [], changes: [], truncated: true }),
      ),
    ).toBe('newest 1 attempt');
  });
});

describe('touchesIntegration', () => {
  it('follows the integration’s own outgoing deliveries and its updates, nothing else', () => {
    const mine = outgoing({ integration_id: 'int_1' });
    expect(touchesIntegration({ type: 'delivery.created', delivery: mine }, 'int_1')).toBe(true);
    expect(touchesIntegration({ type: 'delivery.updated', delivery: mine }, 'int_1')).toBe(true);
    expect(touchesIntegration({ type: 'delivery.updated', delivery: outgoing({ integration_id: 'int_2' }) }, 'int_1')).toBe(false);
    expect(touchesIntegration({ type: 'integration.deleted', id: 'int_1' }, 'int_1')).toBe(false);
  });
});
