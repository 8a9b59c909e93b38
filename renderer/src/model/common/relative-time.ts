const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago", then the date; future times (clock skew) read as "just now". */
export function formatRelativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const elapsed = now - then;
  if (elapsed < 5_000) return 'just now';
  if (elapsed < MINUTE) return `${Math.floor(elapsed / 1000)}s ago`;
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h ago`;
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)}d ago`;
  return new Date(then).toISOString().slice(0, 10);
}

/** Local wall-clock time with milliseconds (or to the second), for the detail view where precision matters. */
export function formatExactTime(iso: string, { milliseconds = true } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    (milliseconds ? `.${pad(date.getMilliseconds(), 3)}` : '')
  );
}
