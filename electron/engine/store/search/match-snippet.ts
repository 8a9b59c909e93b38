import type { RawHeaders } from '../../../../shared/api/common.js';
import type { SearchMatch } from '../../../../shared/api/deliveries.js';

const CONTEXT = 40;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where in one text the terms occur: the first hit with some context around it, every hit in that window marked. */
function matchIn(field: SearchMatch['field'], text: string, terms: string[]): SearchMatch | null {
  const pattern = new RegExp(terms.map((t) => escapeRegExp(t.trim()).replace(/\s+/g, '\\W+')).join('|'), 'giu');
  const first = pattern.exec(text);
  if (!first) return null;
  const start = Math.max(0, first.index - CONTEXT);
  const end = Math.min(text.length, first.index + first[0].length + CONTEXT);
  const window = text.slice(start, end).replace(/[\r\n\t]/g, ' ');
  const ranges: [number, number][] = [];
  pattern.lastIndex = 0; // matchAll starts where the exec above left off otherwise.
  for (const hit of window.matchAll(pattern)) ranges.push([hit.index, hit.index + hit[0].length]);
  return { field, text: window, ranges };
}

/**
 * A highlightable piece of a search hit, found the way the index tokenizes only roughly (case-
 * insensitive, punctuation between phrase words ignored); null when the hit was on a prefix or
 * diacritic the plain text search does not see.
 */
export function findMatch(terms: string[], row: { path: string; headers: RawHeaders; bodyText: string | null }): SearchMatch | null {
  const usable = terms.filter((t) => t.trim() !== '');
  if (usable.length === 0) return null;
  return (
    matchIn('path', row.path, usable) ??
    matchIn('headers', row.headers.map(([, value]) => value).join('\n'), usable) ??
    matchIn('body', row.bodyText ?? '', usable)
  );
}
