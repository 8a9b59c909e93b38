import { randomBytes } from 'node:crypto';

/** Ids that sort by creation time and carry their kind: `dlv_0mfx3k2a1c9d7e6f5a4b3c2d1e`. */
export function newId(prefix: string, now = Date.now()): string {
  return `${prefix}_${now.toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}
