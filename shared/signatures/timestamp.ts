/** Unix seconds written as digits only (no sign, no fraction, no date), else null. */
export function parseUnixSeconds(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** Seconds since `timestamp` at `now` (negative: the timestamp is in the future). */
export function ageSeconds(timestamp: number, now: Date): number {
  return Math.floor(now.getTime() / 1000) - timestamp;
}

/** "75 s", or "4000 s (about 66 min)" for anything past two minutes. */
export function describeSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const human = minutes < 120 ? `${minutes} min` : minutes < 2880 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 1440)} days`;
  return `${seconds} s (about ${human})`;
}

/** Why a timestamp header is not usable, in one sentence. */
export function describeBadTimestamp(header: string, values: readonly string[]): string {
  if (values.length > 1) return `${header} arrived ${values.length} times; exactly one is expected.`;
  const value = values[0] ?? '';
  if (/\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) {
    return `${header} is a date (${JSON.stringify(value)}); it must be unix time in seconds.`;
  }
  return `${header} is ${JSON.stringify(value.slice(0, 40))}, not unix time in whole seconds.`;
}
