import { escapeControl } from '../inboundflow/reserialization.js';

const PREVIEW_BYTES = 200;

/** The signed bytes on one line for showing: controls escaped, cut after 200 bytes (on a whole character). */
export function previewSigned(signed: Buffer): { preview: string; length: number } {
  let end = Math.min(signed.length, PREVIEW_BYTES);
  while (end < signed.length && (signed[end] & 0xc0) === 0x80) end += 1;
  return { preview: `${escapeControl(signed.subarray(0, end).toString('utf8'))}${end < signed.length ? '…' : ''}`, length: signed.length };
}
