import { HookbenchError } from '../../../../shared/errors.js';

/** Opaque paging cursor: the position of the last row of a page. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const match = /^v1:(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) {
    throw new HookbenchError('invalid_cursor', 'The `before` cursor is not one this API gave out; start again without it.');
  }
  return Number(match[1]);
}
