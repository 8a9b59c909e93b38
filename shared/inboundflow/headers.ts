import * as z from 'zod';
import { INBOUNDFLOW_EVENTS } from './events.js';
import { oneOfMessage, opaqueId } from './formats.js';

/** Header names as the docs spell them; lookups ignore case, as HTTP does. */
export const INBOUNDFLOW_HEADERS = {
  contentType: 'Content-Type',
  event: 'X-InboundFlow-Event',
  deliveryId: 'X-InboundFlow-Delivery-Id',
  timestamp: 'X-InboundFlow-Timestamp',
  userAgent: 'User-Agent',
  signature: 'X-InboundFlow-Signature',
} as const;

/** Headers as stored: `[name, value]` pairs in arrival order, original case, duplicates kept. */
export type HeaderPairs = ReadonlyArray<readonly [string, string]>;

/** Every value of a header, in arrival order, matching the name case-insensitively. */
export function headerValues(headers: HeaderPairs, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([key]) => typeof key === 'string' && key.toLowerCase() === wanted).map(([, value]) => String(value));
}

/**
 * Pairs → record keyed by lower-case name, duplicates joined with ", " as Node's HTTP parser
 * does, so a doubled X-InboundFlow-Signature fails the signature pattern instead of hiding.
 */
export function headerRecord(headers: HeaderPairs): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = String(name).toLowerCase();
    record[key] = key in record ? `${record[key]}, ${value}` : String(value);
  }
  return record;
}

/** The headers of one delivery, keyed by lower-case name (see headerRecord). Extra headers are allowed. */
export const deliveryHeadersSchema = z.looseObject({
  'content-type': z.string().regex(/^application\/json\s*(;.*)?$/i, 'must be application/json'),
  'x-inboundflow-event': z.enum(INBOUNDFLOW_EVENTS, { error: oneOfMessage(INBOUNDFLOW_EVENTS) }),
  'x-inboundflow-delivery-id': opaqueId,
  'x-inboundflow-timestamp': z.string().regex(/^\d+$/, 'must be unix time in seconds (digits only)'),
  // The docs show "InboundFlow-Webhook/1.0"; later versions keep the product token.
  'user-agent': z.string().regex(/^InboundFlow-Webhook\/\S+/, 'must start with InboundFlow-Webhook/<version>'),
  // Present only when the integration has a signing secret.
  'x-inboundflow-signature': z
    .string()
    .regex(/^sha256=[0-9a-f]{64}$/, 'must be sha256=<64 lower-case hex digits>')
    .optional(),
});

export type InboundFlowDeliveryHeaders = z.infer<typeof deliveryHeadersSchema>;
