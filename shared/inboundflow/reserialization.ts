/**
 * What a handler that verifies JSON.stringify(JSON.parse(body)) — as the InboundFlow docs'
 * sample does — actually signs, and where those bytes part from the bytes that arrived.
 */

const CONTEXT_BYTES = 16;

export interface FirstDifference {
  /** Byte offset of the first difference (equal to the shorter length when one is a prefix of the other). */
  offset: number;
  /** A short stretch of the raw body around the offset, escaped so whitespace shows. */
  raw: string;
  /** The same stretch of JSON.stringify(JSON.parse(body)). */
  reserialized: string;
}

/** The body parsed as JSON, or undefined when it is not JSON (JSON itself has no undefined). */
export function parseJsonBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** JSON.stringify(JSON.parse(body)) as bytes, or null when the body is not JSON. */
export function reserializedBody(rawBody: Buffer): Buffer | null {
  const parsed = parseJsonBody(rawBody);
  return parsed === undefined ? null : Buffer.from(JSON.stringify(parsed), 'utf8');
}

/** The first byte where two bodies differ, with context; null when they are identical. */
export function firstDifference(raw: Buffer, reserialized: Buffer): FirstDifference | null {
  const shorter = Math.min(raw.length, reserialized.length);
  let offset = 0;
  while (offset < shorter && raw[offset] === reserialized[offset]) offset += 1;
  if (offset === raw.length && offset === reserialized.length) return null;
  return { offset, raw: contextAround(raw, offset), reserialized: contextAround(reserialized, offset) };
}

function contextAround(bytes: Buffer, offset: number): string {
  let start = Math.max(0, offset - CONTEXT_BYTES);
  let end = Math.min(bytes.length, offset + CONTEXT_BYTES);
  // Widen to whole UTF-8 characters so the excerpt never shows a half character as U+FFFD.
  while (start > 0 && isContinuationByte(bytes[start])) start -= 1;
  while (end < bytes.length && isContinuationByte(bytes[end])) end += 1;
  return escapeControl(bytes.subarray(start, end).toString('utf8'));
}

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/** One-line, visible form of a text excerpt: newlines, tabs and other controls as escapes. */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
