import type { Body } from '../../../../shared/api/common.js';
import { bodyText } from './body-bytes.js';
import { looksLikeJson } from './json-pretty.js';
import { parseJsonTree, type JsonParseResult } from './json-syntax-tree.js';

export type BodyViewMode = 'tree' | 'raw' | 'hex';

/** Bodies above this are not parsed into a tree unless asked: a 10 MiB tree is not a useful first view. */
export const TREE_AUTO_LIMIT = 2 * 1024 * 1024;

/** Raw text shows this many characters until "Show all". */
export const RAW_TEXT_CAP = 200_000;

/** Parses a text body as JSON when it is small enough to show as a tree; null when it is binary or too big. */
export function parseBodyJson(body: Body): JsonParseResult | null {
  if (body.encoding !== 'utf8' || body.size > TREE_AUTO_LIMIT) return null;
  const start = body.data.trimStart()[0];
  if (start !== '{' && start !== '[') return null;
  return parseJsonTree(body.data);
}

/** A JSON-looking text body too big for the tree: its JSON view is pretty-printed text, virtualized. */
export function isLargeJson(body: Body): boolean {
  if (body.encoding !== 'utf8' || body.size <= TREE_AUTO_LIMIT || !looksLikeJson(body.data)) return false;
  // One value per line (NDJSON) is not one JSON document: valid JSON never has `}` or `]`, a line
  // break, then `{` or `[` (values are comma-separated, and strings hold no raw line breaks).
  return !/[}\]][ \t\r]*\n\s*[{[]/.test(body.data.slice(0, 256 * 1024));
}

/** Binary opens as hex, JSON as a tree (pretty text when large), everything else as raw text. */
export function defaultBodyMode(body: Body, json: JsonParseResult | null): BodyViewMode {
  if (body.encoding === 'base64') return 'hex';
  if (json?.ok || isLargeJson(body)) return 'tree';
  return 'raw';
}

/** The tree on request, whatever the size or the first character. */
export function parseJsonTreeForced(body: Body): JsonParseResult {
  return parseJsonTree(bodyText(body));
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
