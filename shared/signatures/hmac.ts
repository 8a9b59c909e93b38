import { createHmac } from 'node:crypto';
import type { HmacAlgorithm } from './algorithms.js';

export { HMAC_ALGORITHMS, type HmacAlgorithm } from './algorithms.js';

export function hmac(algorithm: HmacAlgorithm, key: Buffer, data: Buffer): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

/** Body bytes whatever form they were given in. */
export function bodyBytes(rawBody: Buffer | Uint8Array | string): Buffer {
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  return Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
}
