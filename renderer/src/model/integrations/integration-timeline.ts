import type { IntegrationChange, IntegrationTimeline } from '../../../../shared/api/insight.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import type { ChartTheme } from '../common/chart-theme.js';
import { failureClassLabel } from '../common/failure-class.js';
import { formatDurationMs } from '../insight/response-time-chart.js';

export type TimelineItemKind = 'succeeded' | 'failed' | 'interrupted' | 'sending' | 'skipped';

/** One bar: an attempt, or a delivery skipped while the integration was disabled. */
export interface TimelineItem {
  kind: TimelineItemKind;
  delivery: string;
  event: string | null;
  at: string;
  /** The attempt's number within its delivery; null for a skip. */
  attempt: number | null;
  status: number | null;
  errorClass: string | null;
  durationMs: number | null;
  /** Consecutive failures counted after this item. */
  streak: number;
  /** Bar height in streak units: a failure stands as tall as the streak it makes, so a streak climbs like stairs. */
  height: number;
}

/** A disable or enable, drawn as a vertical line between the bars around its time. */
export interface TimelineMarker {
  kind: IntegrationChange['kind'];
  at: string;
  reason: string | null;
  /** Fractional bar index: 3.5 is between the 4th and 5th bar, -0.5 before the first. */
  position: number;
}

export interface TimelineModel {
  items: TimelineItem[];
  markers: TimelineMarker[];
  threshold: number;
  /** The y axis' top: above the threshold line with room for marker labels, or the tallest bar. */
  yMax: number;
  maxStreak: number;
  attempts: number;
  failed: number;
  skipped: number;
  truncated: boolean;
}

/** Height of bars that do not count toward the streak (successes, skips, interruptions), so they stay visible but low. */
export const LOW_BAR = 0.6;

/**
 * Whether there is a bar to draw. Disables and enables alone are not enough: markers stand between
 * bars, and with none the chart would show one lone line in the middle of an empty plot.
 */
export function hasTimelineBars(timeline: IntegrationTimeline): boolean {
  return timeline.attempts.length > 0 || timeline.skipped.length > 0;
}

/** Attempts and skips in time order with their bar heights, and the disable/enable markers placed between them. */
export function timelineModel(timeline: IntegrationTimeline): TimelineModel {
  const attempts: TimelineItem[] = timeline.attempts.map((attempt) => ({
    kind: attempt.outcome,
    delivery: attempt.delivery,
    event: attempt.event,
    at: attempt.started_at,
    attempt: attempt.attempt,
    status: attempt.status,
    errorClass: attempt.error_class,
    durationMs: attempt.duration_ms,
    streak: attempt.streak,
    height: attempt.outcome === 'failed' ? Math.max(1, attempt.streak) : LOW_BAR,
  }));
  const skips: TimelineItem[] = timeline.skipped.map((skip) => ({
    kind: 'skipped',
    delivery: skip.delivery,
    event: skip.event,
    at: skip.at,
    attempt: null,
    status: null,
    errorClass: null,
    durationMs: null,
    streak: 0,
    height: LOW_BAR,
  }));
  const items = mergeByTime(attempts, skips);
  // A skip keeps the streak it follows, for its tooltip.
  let streak = 0;
  for (const item of items) {
    if (item.kind === 'skipped') item.streak = streak;
    else streak = item.streak;
  }
  const markers = timeline.changes.map((change) => ({
    kind: change.kind,
    at: change.at,
    reason: change.reason,
    position: countAtOrBefore(items, change.at) - 0.5,
  }));
  const maxStreak = Math.max(0, ...attempts.map((item) => item.streak));
  return {
    items,
    markers,
    threshold: timeline.threshold,
    yMax: Math.max(timeline.threshold + 3, ...items.map((item) => Math.ceil(item.height))),
    maxStreak,
    attempts: attempts.length,
    failed: attempts.filter((item) => item.kind === 'failed').length,
    skipped: skips.length,
    truncated: timeline.truncated,
  };
}

/** Both lists are oldest first; on a tie the attempt comes first. */
function mergeByTime(attempts: TimelineItem[], skips: TimelineItem[]): TimelineItem[] {
  const merged: TimelineItem[] = [];
  let a = 0;
  let s = 0;
  while (a < attempts.length || s < skips.length) {
    if (s >= skips.length || (a < attempts.length && Date.parse(attempts[a].at) <= Date.parse(skips[s].at))) merged.push(attempts[a++]);
    else merged.push(skips[s++]);
  }
  return merged;
}

function countAtOrBefore(items: TimelineItem[], at: string): number {
  const time = Date.parse(at);
  let count = 0;
  while (count < items.length && Date.parse(items[count].at) <= time) count += 1;
  return count;
}

export interface TimelineColors {
  fill: string[];
  border: string[];
}

/** Failures in the 5xx colour, successes in the 2xx colour, interruptions grey, skips pale amber like the Skipped badge. */
export function timelineColors(items: TimelineItem[], theme: Pick<ChartTheme, 'status' | 'statusSoft' | 'accent'>): TimelineColors {
  const fill: string[] = [];
  const border: string[] = [];
  for (const item of items) {
    const [f, b] =
      item.kind === 'failed'
        ? [theme.status['5xx'], theme.status['5xx']]
        : item.kind === 'succeeded'
          ? [theme.status['2xx'], theme.status['2xx']]
          : item.kind === 'sending'
            ? [theme.accent, theme.accent]
            : item.kind === 'skipped'
              ? [theme.statusSoft['4xx'], theme.status['4xx']]
              : [theme.status.none, theme.status.none];
    fill.push(f);
    border.push(b);
  }
  return { fill, border };
}

const OUTCOME_WORDS: Record<TimelineItemKind, string> = {
  succeeded: 'Delivered',
  failed: 'Failed',
  interrupted: 'Interrupted (not counted)',
  sending: 'Sending…',
  skipped: 'Skipped while disabled',
};

/** "14:03:22" in local time. */
export function clockTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(iso),
  );
}

/** The tooltip of one bar: when, what happened, how long it took, where the streak stands. */
export function timelineTooltip(item: TimelineItem, threshold: number, timeZone?: string): { title: string; lines: string[] } {
  const title = `${clockTime(item.at, timeZone)}${item.attempt !== null && item.attempt > 1 ? ` · attempt ${item.attempt}` : ''}`;
  const outcome = [OUTCOME_WORDS[item.kind]];
  if (item.kind === 'succeeded' && item.status !== null) outcome.push(String(item.status));
  if (item.kind === 'failed' && item.errorClass) outcome.push(failureClassLabel(item.errorClass));
  if (item.durationMs !== null) outcome.push(formatDurationMs(item.durationMs));
  const lines = [outcome.join(' · ')];
  if (item.event) lines.push(item.event);
  if (item.kind !== 'skipped') lines.push(`Streak ${item.streak} of ${threshold}`);
  lines.push('Click to open the delivery');
  return { title, lines };
}

/** The marker's label: "auto-disabled · HTTP 500", "disabled by hand", "re-enabled". */
export function markerLabel(marker: Pick<TimelineMarker, 'kind' | 'reason'>): string {
  if (marker.kind === 'enabled') return 're-enabled';
  if (marker.reason === 'manual') return 'disabled by hand';
  return marker.reason ? `auto-disabled · ${failureClassLabel(marker.reason)}` : 'auto-disabled';
}

/** "24 attempts · 10 failed · longest streak 10 of 10 · 2 skipped", for the caption and screen readers. */
export function timelineSummary(model: TimelineModel): string {
  if (model.items.length === 0) return 'No attempts yet.';
  const parts = [`${model.truncated ? 'newest ' : ''}${model.attempts} ${model.attempts === 1 ? 'attempt' : 'attempts'}`];
  if (model.failed > 0) parts.push(`${model.failed} failed`, `longest streak ${model.maxStreak} of ${model.threshold}`);
  if (model.skipped > 0) parts.push(`${model.skipped} skipped`);
  return parts.join(' · ');
}

/** Whether a live message can change this integration's timeline: its deliveries, or the integration itself. */
export function touchesIntegration(message: LiveMessage, integrationId: string): boolean {
  switch (message.type) {
    case 'delivery.created':
    case 'delivery.updated':
      return message.delivery.direction === 'out' && message.delivery.integration_id === integrationId;
    case 'integration.updated':
      return message.integration.id === integrationId;
    default:
      return false;
  }
}
