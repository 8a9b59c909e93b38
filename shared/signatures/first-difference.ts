import { type FirstDifference, firstDifference, reserializedBody } from '../inboundflow/reserialization.js';

export type { FirstDifference };
export { reserializedBody };

/** Where two signatures as written first part, with a little context on both sides; null when equal. */
export function signatureDifference(expected: string | null, received: string | null): FirstDifference | null {
  if (expected === null || received === null) return null;
  return firstDifference(Buffer.from(expected, 'utf8'), Buffer.from(received, 'utf8'));
}

/** Where the raw body parts from its re-serialized form, when it is JSON and they differ. */
export function bodyDifference(rawBody: Buffer, reserialized: Buffer | null): FirstDifference | null {
  return reserialized === null ? null : firstDifference(rawBody, reserialized);
}
