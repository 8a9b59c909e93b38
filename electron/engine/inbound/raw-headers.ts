import type { RawHeaders } from '../../../shared/api/common.js';

/** Node's flat `rawHeaders` ([name, value, name, value…]) as ordered pairs, case and duplicates kept. */
export function pairRawHeaders(flat: readonly string[]): RawHeaders {
  const pairs: RawHeaders = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}

/** First value of a header, case-insensitively, as HTTP reads it. */
export function headerValue(headers: RawHeaders, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [key, value] of headers) if (key.toLowerCase() === lower) return value;
  return null;
}
