import { RelayFrame } from '../../../shared/tunnel-protocol.js';

/** A text frame from the relay, checked against the protocol; null for anything else (not JSON, an unknown shape). */
export function readRelayFrame(data: Buffer): RelayFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = RelayFrame.safeParse(value);
  return parsed.success ? parsed.data : null;
}
