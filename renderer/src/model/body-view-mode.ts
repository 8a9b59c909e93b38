import type { Body } from '../../../shared/api/common.js';
import { bodyText } from './body-bytes.js';
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

/** Binary opens as hex, JSON as a tree, everything else as raw text. */
export function defaultBodyMode(body: Body, json: JsonParseResult | null): BodyViewMode {
  if (body.encoding === 'base64') return 'hex';
  if (json?.ok) return 'tree';
  return 'raw';
}

/** The tree on request, whatever the size or the first character. */
export function parseJsonTreeForced(body: Body): JsonParseResult {
  return parseJsonTree(bodyText(body));
}
