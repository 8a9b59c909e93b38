import { timingSafeEqual } from 'node:crypto';

/** How a digest is written in a header. */
export type DigestEncoding = 'hex' | 'base64';

export function encodeDigest(digest: Buffer, encoding: DigestEncoding): string {
  return digest.toString(encoding);
}

/** Strict decoding (Buffer.from ignores bad characters silently): null when `text` is not that encoding. */
export function decodeDigest(text: string, encoding: DigestEncoding): Buffer | null {
  if (encoding === 'hex') return /^(?:[0-9a-fA-F]{2})+$/.test(text) ? Buffer.from(text, 'hex') : null;
  return isBase64(text) ? Buffer.from(text, 'base64') : null;
}

export function isBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}

export function otherEncoding(encoding: DigestEncoding): DigestEncoding {
  return encoding === 'hex' ? 'base64' : 'hex';
}

/** Constant-time equality that is false (never a throw) for different lengths. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Compares two header texts as the senders' libraries do: byte for byte, in constant time. */
export function sameText(a: string, b: string): boolean {
  return sameBytes(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Whether a signature token is a digest in either encoding (what is worth comparing at all). */
export function looksLikeDigest(text: string): boolean {
  return decodeDigest(text, 'hex') !== null || decodeDigest(text, 'base64') !== null;
}
