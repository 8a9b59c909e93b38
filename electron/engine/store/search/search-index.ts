import type { RawHeaders } from '../../../../shared/api/common.js';
import type { Db } from '../database.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bodies past this many characters are indexed up to it: search stays cheap for 10 MiB uploads. */
export const INDEXED_BODY_CHARS = 256 * 1024;

/** The text a body contributes to search: valid UTF-8 only, so binary bodies are never indexed. */
export function searchableBody(bytes: Uint8Array | null): string | null {
  if (!bytes || bytes.byteLength === 0) return null;
  try {
    const text = strictUtf8.decode(bytes);
    // A NUL is no part of any text format a webhook carries: treat such bodies as binary.
    if (text.includes('\u0000')) return null;
    return text.length > INDEXED_BODY_CHARS ? text.slice(0, INDEXED_BODY_CHARS) : text;
  } catch {
    return null;
  }
}

/** Header values, one per line; names are left to the field filters. */
export function searchableHeaders(headers: RawHeaders): string {
  return headers.map(([, value]) => value).join('\n');
}

/** Adds a delivery to the full-text index; callers run it in the transaction that inserts the row. */
export function createSearchIndex(db: Db) {
  const insert = db.prepare('INSERT INTO delivery_search (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
  return {
    add(seq: number, path: string, headers: RawHeaders, body: Uint8Array | null): void {
      insert.run(seq, path, searchableHeaders(headers), searchableBody(body));
    },
  };
}

/** Migration 004: indexes the deliveries stored before search existed, a page at a time. */
export function indexExistingDeliveries(db: Db): void {
  const page = db.prepare(`
    SELECT d.seq, d.path, d.headers_json, b.body FROM deliveries d LEFT JOIN delivery_bodies b ON b.seq = d.seq
    WHERE d.seq > ? ORDER BY d.seq LIMIT 1000`);
  const index = createSearchIndex(db);
  for (let after = 0; ;) {
    const rows = page.all(after) as { seq: number; path: string; headers_json: string; body: Buffer | null }[];
    if (rows.length === 0) return;
    for (const row of rows) index.add(row.seq, row.path, JSON.parse(row.headers_json) as RawHeaders, row.body);
    after = rows[rows.length - 1].seq;
  }
}
