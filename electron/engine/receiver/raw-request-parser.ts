import type { RawHeaders } from '../../../shared/api/common.js';
import { headerValue } from '../inbound/raw-headers.js';

/**
 * A small HTTP/1.x request parser for what Node's own parser refuses: methods outside its
 * fixed list (e.g. `FOO`). It only has to read one request; the connection is closed after.
 */
export type RawParse =
  | { state: 'incomplete' }
  | { state: 'error'; message: string }
  | { state: 'complete'; method: string; target: string; headers: RawHeaders; body: Buffer };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function parseRawRequest(data: Buffer, maxBody: number): RawParse {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return data.byteLength > 64 * 1024 ? { state: 'error', message: 'request head too large' } : { state: 'incomplete' };
  const lines = data.subarray(0, headEnd).toString('latin1').split('\r\n');
  const [method, target, version, extra] = (lines.shift() ?? '').split(' ');
  if (!method || !TOKEN.test(method) || !target || !/^HTTP\/1\.[01]$/.test(version ?? '') || extra !== undefined) {
    return { state: 'error', message: 'malformed request line' };
  }
  const headers: RawHeaders = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) return { state: 'error', message: 'malformed header line' };
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const rest = data.subarray(headEnd + 4);
  const chunked = /(^|,)\s*chunked\s*$/i.test(headerValue(headers, 'transfer-encoding') ?? '');
  if (chunked) {
    const decoded = decodeChunked(rest, maxBody);
    return decoded.state === 'complete' ? { state: 'complete', method, target, headers, body: decoded.body } : decoded;
  }
  const lengthText = headerValue(headers, 'content-length');
  const length = lengthText === null ? 0 : Number(lengthText);
  if (!Number.isSafeInteger(length) || length < 0) return { state: 'error', message: 'invalid Content-Length' };
  if (length > maxBody) return { state: 'error', message: 'body too large' };
  if (rest.byteLength < length) return { state: 'incomplete' };
  return { state: 'complete', method, target, headers, body: Buffer.from(rest.subarray(0, length)) };
}

type ChunkedParse = { state: 'incomplete' } | { state: 'error'; message: string } | { state: 'complete'; body: Buffer };

export function decodeChunked(data: Buffer, maxBody: number): ChunkedParse {
  const parts: Buffer[] = [];
  let offset = 0;
  let total = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) return { state: 'incomplete' };
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1').split(';')[0].trim(), 16);
    if (!Number.isFinite(size) || size < 0) return { state: 'error', message: 'malformed chunk size' };
    offset = lineEnd + 2;
    if (size === 0) {
      // Skip optional trailers up to the blank line that ends the message.
      const end = data.indexOf('\r\n', offset);
      if (end < 0) return { state: 'incomplete' };
      if (end === offset) return { state: 'complete', body: Buffer.concat(parts, total) };
      const trailersEnd = data.indexOf('\r\n\r\n', offset);
      return trailersEnd < 0 ? { state: 'incomplete' } : { state: 'complete', body: Buffer.concat(parts, total) };
    }
    total += size;
    if (total > maxBody) return { state: 'error', message: 'body too large' };
    if (data.byteLength < offset + size + 2) return { state: 'incomplete' };
    parts.push(data.subarray(offset, offset + size));
    offset += size + 2;
  }
}
