import { type HeaderPairs, headerValues } from '../inboundflow/headers.js';
import type { CommonCause } from './causes.js';
import type { SchemeRead } from './hmac-scheme.js';
import { describeBadTimestamp, parseUnixSeconds } from './timestamp.js';

export { headerValues };

/** One header that must come exactly once: its value, or why not. */
export type OneHeader = { ok: true; value: string } | { ok: false; missing: boolean; values: string[] };

export function oneHeader(headers: HeaderPairs, name: string): OneHeader {
  const values = headerValues(headers, name);
  return values.length === 1 ? { ok: true, value: values[0] } : { ok: false, missing: values.length === 0, values };
}

/** The read for a signature header that arrived more than once: comparing either would hide the other. */
export function doubledSignature(name: string, values: string[]): SchemeRead {
  return {
    kind: 'unreadable',
    cause: 'signature_malformed',
    reason: `${name} arrived ${values.length} times; exactly one is expected.`,
    received: values.join(', '),
  };
}

export function malformedSignature(reason: string, received: string): SchemeRead {
  return { kind: 'unreadable', cause: 'signature_malformed', reason, received };
}

/** A signed timestamp header read as unix seconds, or the problem to report once a secret is known. */
export function readTimestamp(
  headers: HeaderPairs,
  name: string,
): { timestamp: number; text: string } | { problem: { cause: CommonCause; reason: string } } {
  const found = oneHeader(headers, name);
  if (!found.ok && found.missing) {
    return {
      problem: { cause: 'timestamp_missing', reason: `The delivery has no ${name} header, and the timestamp is part of what is signed.` },
    };
  }
  const timestamp = found.ok ? parseUnixSeconds(found.value) : null;
  if (!found.ok || timestamp === null) {
    return { problem: { cause: 'timestamp_malformed', reason: describeBadTimestamp(name, found.ok ? [found.value] : found.values) } };
  }
  return { timestamp, text: found.value };
}

/** "<prefix><body bytes>": the shape most schemes sign. */
export function prefixed(prefix: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(prefix, 'utf8'), body]);
}
