/** One line of cloudflared's console log: `2024-02-08T06:25:48Z INF Registered tunnel connection connIndex=0 location=lax08`. */
export interface CloudflaredLogLine {
  /** zerolog's console level, or null for lines printed without one (the CLI's final error). */
  level: 'DBG' | 'INF' | 'WRN' | 'ERR' | 'FTL' | 'PNC' | null;
  /** The text before the `key=value` fields. */
  message: string;
  fields: Record<string, string>;
}

// eslint-disable-next-line no-control-regex -- cloudflared colours its console log with ANSI escapes, which start with ESC
const ANSI = /\u001b\[[0-9;]*m/g;
const PREFIX = /^(?:\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})\s+)?(?:(DBG|INF|WRN|ERR|FTL|PNC)\s+)?/;
/** zerolog writes fields as ` key=value`, quoting values with spaces the way Go's %q does. */
const FIELD = /(?:^|\s)([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|\S*)/g;

export function parseLogLine(raw: string): CloudflaredLogLine {
  const line = raw.replace(ANSI, '').trimEnd();
  const prefix = PREFIX.exec(line)!;
  const level = (prefix[1] as CloudflaredLogLine['level']) ?? null;
  const rest = line.slice(prefix[0].length);
  // A box line (`|  https://…  |`) is all message, whatever it holds.
  if (rest.startsWith('|') || rest.startsWith('+-')) return { level, message: rest, fields: {} };
  const fields: Record<string, string> = {};
  let messageEnd = rest.length;
  for (const match of rest.matchAll(FIELD)) {
    if (messageEnd === rest.length) messageEnd = match.index;
    fields[match[1]] = unquote(match[2]);
  }
  return { level, message: rest.slice(0, messageEnd).trim(), fields };
}

function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value.slice(1, -1);
  }
}

/** Go's time.Duration text (`1s`, `1m4s`, `500ms`) in milliseconds, or null when there is none. */
export function parseGoDuration(text: string): number | null {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  const match = /^((?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+)/.exec(text);
  if (!match) return null;
  let total = 0;
  for (const part of match[1].matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(part[1]) * units[part[2]];
  return Math.round(total);
}
