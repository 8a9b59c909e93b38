import type { RawHeaders } from '../../../../shared/api/common.js';
import { HeaderList } from '../../../../shared/api/responses.js';

export type HeaderLinesResult = { ok: true; headers: RawHeaders } | { ok: false; error: string };

/**
 * Reads `Name: value` lines (as the Headers tab shows them) into ordered pairs, keeping case and
 * duplicates. Blank lines are skipped; the first bad line is named so it can be fixed.
 */
export function parseHeaderLines(text: string): HeaderLinesResult {
  const headers: RawHeaders = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, error: `Line ${i + 1}: write headers as "Name: value".` };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).replace(/^[ \t]+/, '')]);
  }
  const checked = HeaderList.safeParse(headers);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const index = typeof issue.path[0] === 'number' ? issue.path[0] : null;
    const where = index === null ? '' : ` (header ${index + 1}, ${JSON.stringify(headers[index]?.[0] ?? '')})`;
    return { ok: false, error: `${issue.message}${where}.` };
  }
  return { ok: true, headers };
}
