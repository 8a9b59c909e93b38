import type { Body } from '../../../../shared/api/common.js';
import { looksLikeJson } from './json-pretty.js';

export type BodyViewMode = 'json' | 'raw' | 'hex';

/** Bodies up to this size are parsed once to say whether they are valid JSON; past it the check costs more than it tells. */
export const JSON_CHECK_LIMIT = 2 * 1024 * 1024;

/** Raw text shows this many characters until "Show all". */
export const RAW_TEXT_CAP = 200_000;

/** A text body that is one JSON document (an object or array), not NDJSON: its first view is the JSON one. */
export function isJsonDocument(body: Body): boolean {
  if (body.encoding !== 'utf8' || !looksLikeJson(body.data)) return false;
  // One value per line (NDJSON) is not one JSON document: valid JSON never has `}` or `]`, a line
  // break, then `{` or `[` (values are comma-separated, and strings hold no raw line breaks).
  return !/[}\]][ \t\r]*\n\s*[{[]/.test(body.data.slice(0, 256 * 1024));
}

/** Binary opens as hex, a JSON document as JSON, everything else as raw text. */
export function defaultBodyMode(body: Body): BodyViewMode {
  if (body.encoding === 'base64') return 'hex';
  return isJsonDocument(body) ? 'json' : 'raw';
}

/** Why a text body is not valid JSON (the parser's words), or null when it is, or when it is too big to check. */
export function jsonProblem(text: string): string | null {
  if (text.length > JSON_CHECK_LIMIT) return null;
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Characters per block when a long text is shown whole. */
export const RAW_CHUNK = 16_384;

/**
 * Cuts text into blocks of about `size` characters, at a line end when one is near the cut, so
 * blocks join back to exactly the text (the view's textContent is the body).
 */
export function rawChunks(text: string, size = RAW_CHUNK): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const newline = text.lastIndexOf('\n', end - 1);
      if (newline >= start + size * 0.75) end = newline + 1;
    }
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}
