import { STATUS_CLASSES, type StatusClass } from './status-class.js';

/** The colours and font a chart draws with, read from the theme's CSS custom properties. */
export interface ChartTheme {
  scheme: 'light' | 'dark';
  font: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  surface: string;
  accent: string;
  danger: string;
  status: Record<StatusClass, string>;
  /** Pale status backgrounds (the badges' fills), for what should recede. */
  statusSoft: Record<StatusClass, string>;
}

/** Reads one custom property, e.g. `--text`; '' when unset. */
export type StyleLookup = (name: string) => string;

/** The light theme's values, used when a property is missing (a test page, a stylesheet not yet applied). */
const FALLBACK = {
  font: 'system-ui, sans-serif',
  text: '#1a1d23',
  muted: '#5a6270',
  grid: '#e1e4e8',
  axis: '#cdd2d9',
  surface: '#ffffff',
  accent: '#4f46e5',
  danger: '#bb3d0b',
  status: { '1xx': '#5a6270', '2xx': '#007a5a', '3xx': '#0066a6', '4xx': '#a15c00', '5xx': '#bb3d0b', none: '#5f6776' },
  statusSoft: { '1xx': '#eef0f3', '2xx': '#e3f5ee', '3xx': '#e2f0fa', '4xx': '#fbf0dc', '5xx': '#fde8df', none: '#eef0f3' },
} as const;

/** The chart theme from a custom-property lookup: the same tokens as the status badges and the rest of the UI. */
export function readChartTheme(lookup: StyleLookup, scheme: 'light' | 'dark'): ChartTheme {
  const read = (name: string, fallback: string) => lookup(name).trim() || fallback;
  const byClass = (suffix: string, fallback: Record<StatusClass, string>) =>
    Object.fromEntries(STATUS_CLASSES.map((cls) => [cls, read(`--status-${cls}${suffix}`, fallback[cls])])) as Record<StatusClass, string>;
  return {
    scheme,
    font: read('--font-ui', FALLBACK.font),
    text: read('--text', FALLBACK.text),
    muted: read('--text-2', FALLBACK.muted),
    grid: read('--border', FALLBACK.grid),
    axis: read('--border-strong', FALLBACK.axis),
    surface: read('--surface', FALLBACK.surface),
    accent: read('--accent', FALLBACK.accent),
    danger: read('--danger', FALLBACK.danger),
    status: byClass('', FALLBACK.status),
    statusSoft: byClass('-bg', FALLBACK.statusSoft),
  };
}
