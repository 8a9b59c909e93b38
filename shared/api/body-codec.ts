import type { Body } from './common.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** JSON cannot carry arbitrary bytes: valid UTF-8 goes as text, anything else as base64. */
export function encodeBody(bytes: Uint8Array): Body {
  try {
    return { encoding: 'utf8', data: strictUtf8.decode(bytes), size: bytes.byteLength };
  } catch {
    return { encoding: 'base64', data: Buffer.from(bytes).toString('base64'), size: bytes.byteLength };
  }
}

export function decodeBody(body: Pick<Body, 'encoding' | 'data'>): Buffer {
  return body.encoding === 'utf8' ? Buffer.from(body.data, 'utf8') : Buffer.from(body.data, 'base64');
}
