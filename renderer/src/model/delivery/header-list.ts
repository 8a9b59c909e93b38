import type { RawHeaders } from '../../../../shared/api/common.js';

export interface HeaderRow {
  index: number;
  name: string;
  value: string;
  /** 1-based position among headers with the same name (case-insensitive), and how many there are. */
  occurrence: number;
  occurrences: number;
}

export function headerRows(headers: RawHeaders): HeaderRow[] {
  const totals = new Map<string, number>();
  for (const [name] of headers) totals.set(name.toLowerCase(), (totals.get(name.toLowerCase()) ?? 0) + 1);
  const seen = new Map<string, number>();
  return headers.map(([name, value], index) => {
    const key = name.toLowerCase();
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return { index, name, value, occurrence, occurrences: totals.get(key) ?? 1 };
  });
}

/** `Name: value` lines in arrival order, as they would appear on the wire. */
export function headersText(headers: RawHeaders): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join('\n');
}
