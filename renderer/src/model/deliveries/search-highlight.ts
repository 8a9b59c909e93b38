import type { SearchMatch } from '../../../../shared/api/deliveries.js';

export interface HighlightSegment {
  text: string;
  hit: boolean;
}

/**
 * Cuts `text` into plain and highlighted pieces from `[start, end)` ranges (UTF-16 offsets).
 * Ranges are clamped to the text, sorted and merged, so overlapping or out-of-order hits never
 * duplicate or drop characters; the pieces always join back to `text`.
 */
export function highlightSegments(text: string, ranges: readonly (readonly [number, number])[]): HighlightSegment[] {
  const clean = ranges
    .map(
      ([start, end]) =>
        [Math.max(0, Math.min(text.length, Math.trunc(start))), Math.max(0, Math.min(text.length, Math.trunc(end)))] as const,
    )
    .filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end) && end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of clean) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const segments: HighlightSegment[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) segments.push({ text: text.slice(at, start), hit: false });
    segments.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments;
}

/**
 * Drops the context before the first hit (keeping one short word, up to `lead` characters), so the
 * hit shows at the start of a narrow row; ranges are shifted to match. "…" marks the cut.
 */
export function focusSnippet(
  text: string,
  ranges: readonly (readonly [number, number])[],
  lead = 8,
): { text: string; ranges: [number, number][] } {
  const starts = ranges.map(([start]) => start).filter((start) => Number.isFinite(start) && start >= 0 && start < text.length);
  const copy = ranges.map(([start, end]) => [start, end] as [number, number]);
  if (starts.length === 0) return { text, ranges: copy };
  const first = Math.min(...starts);
  if (first <= lead + 1) return { text, ranges: copy };
  // Start at the hit, keeping the word just before it when that word is short.
  let cut = first;
  const space = text.lastIndexOf(' ', first - 2);
  if (space !== -1 && first - (space + 1) <= lead) cut = space + 1;
  // never split a surrogate pair
  const code = text.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut -= 1;
  const shift = cut - 1;
  return { text: `…${text.slice(cut)}`, ranges: copy.map(([start, end]) => [Math.max(1, start - shift), Math.max(1, end - shift)]) };
}

/** Control characters (newlines in a body, tabs) shown as a visible space so a snippet stays on one line. */
export function flattenSnippet(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

export const MATCH_FIELD_LABELS: Record<SearchMatch['field'], string> = { path: 'path', headers: 'header', body: 'body' };

/** What the syntax hint lists: every search field, with an example. */
export const SEARCH_SYNTAX: { example: string; meaning: string }[] = [
  { example: 'refund failed', meaning: 'both words, anywhere' },
  { example: '"lead created"', meaning: 'the exact phrase' },
  { example: 'cust*', meaning: 'words starting with cust' },
  { example: 'path:  header:  body:', meaning: 'in that part only' },
  { example: 'event:lead.created', meaning: 'InboundFlow event type' },
  { example: 'status:5xx  status:404  status:none', meaning: 'status class, code, or no response' },
  { example: 'direction:in|out', meaning: 'received or sent' },
  { example: 'inbox:<slug>  integration:<id>', meaning: 'one inbox or integration' },
  { example: 'signature:valid|invalid|unsigned|no_secret', meaning: 'signature verdict' },
  { example: 'scheme:stripe|github|slack|…', meaning: 'signature scheme' },
  { example: 'schema:valid|invalid', meaning: 'schema verdict' },
  { example: 'method:POST', meaning: 'request method' },
  { example: 'pinned:true', meaning: 'pinned deliveries' },
  { example: 'duplicate:yes', meaning: 'received again: a delivery_id the inbox saw before' },
  { example: 'since:2h  until:2026-01-31', meaning: 'received after / before' },
];
