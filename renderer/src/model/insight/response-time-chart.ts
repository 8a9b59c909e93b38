import type { ResponseTimeBin, ResponseTimeDistribution } from '../../../../shared/api/insight.js';
import type { ChartTheme } from '../common/chart-theme.js';

/** The dispatch timeout: the open last bin holds what took this long or was cut off at it. */
const TIMEOUT_MS = 10_000;

export interface ResponseTimeChartModel {
  labels: string[];
  counts: number[];
  /** One colour per bin: the accent, and the timeout colour for the open bin at 10 s. */
  colors: string[];
  timed: number;
  untimed: number;
}

/** "850 ms", "1 s", "2.5 s". */
export function formatDurationMs(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  return `${Number((ms / 1_000).toFixed(2))} s`;
}

/** "<5 ms", "5–10 ms", "500 ms–1 s", "1–2.5 s", "≥10 s". */
export function responseTimeBinLabel(minMs: number, maxMs: number | null): string {
  if (maxMs === null) return `≥${formatDurationMs(minMs)}`;
  if (minMs === 0) return `<${formatDurationMs(maxMs)}`;
  const from = formatDurationMs(minMs);
  const to = formatDurationMs(maxMs);
  const unit = (text: string) => text.slice(text.lastIndexOf(' '));
  return unit(from) === unit(to) ? `${from.slice(0, from.lastIndexOf(' '))}–${to}` : `${from}–${to}`;
}

export function responseTimeChartModel(
  distribution: ResponseTimeDistribution,
  theme: Pick<ChartTheme, 'accent' | 'status'>,
): ResponseTimeChartModel {
  const { bins } = distribution;
  return {
    labels: bins.map((bin) => responseTimeBinLabel(bin.min_ms, bin.max_ms)),
    counts: bins.map((bin) => bin.count),
    colors: bins.map((bin) => (bin.max_ms === null && bin.min_ms >= TIMEOUT_MS ? theme.status['5xx'] : theme.accent)),
    timed: distribution.timed,
    untimed: distribution.untimed,
  };
}

/** The tooltip line for a bin: "12 deliveries (40%)". */
export function responseTimeTooltip(bin: Pick<ResponseTimeBin, 'count'>, timed: number): string {
  const share = timed > 0 ? ` (${Math.round((bin.count / timed) * 100)}%)` : '';
  return `${bin.count.toLocaleString('en-US')} ${bin.count === 1 ? 'delivery' : 'deliveries'}${share}`;
}

/** "p50 ≤ 25 ms · p90 ≤ 250 ms · p99 ≤ 1 s": upper bounds, since the engine knows only the bin. */
export function percentileCaption(distribution: Pick<ResponseTimeDistribution, 'p50_ms' | 'p90_ms' | 'p99_ms'>): string | null {
  const parts = (
    [
      ['p50', distribution.p50_ms],
      ['p90', distribution.p90_ms],
      ['p99', distribution.p99_ms],
    ] as const
  ).filter(([, ms]) => ms !== null);
  return parts.length === 0 ? null : parts.map(([name, ms]) => `${name} ≤ ${formatDurationMs(ms!)}`).join(' · ');
}

/** "12 timed · 3 untimed (answered by Hookbench itself or never answered)". */
export function timedCaption(distribution: Pick<ResponseTimeDistribution, 'timed' | 'untimed'>): string {
  const timed = distribution.timed === 0 ? 'Nothing timed yet' : `${distribution.timed.toLocaleString('en-US')} timed`;
  return distribution.untimed === 0 ? timed : `${timed} · ${distribution.untimed.toLocaleString('en-US')} untimed`;
}
