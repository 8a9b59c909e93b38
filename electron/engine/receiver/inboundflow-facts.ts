import type { RawHeaders } from '../../../shared/api/common.js';
import { headerValue } from './raw-headers.js';

export interface InboundFlowFacts {
  event: string | null;
  deliveryId: string | null;
  /** The parsed envelope when the body is a JSON object, for the schema check. */
  envelope: Record<string, unknown> | null;
}

function parseObject(body: Buffer, jsonState: 'valid' | 'invalid' | null): Record<string, unknown> | null {
  if (jsonState !== 'valid') return null;
  const value: unknown = JSON.parse(body.toString('utf8'));
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Event type and delivery id from the InboundFlow headers, falling back to the envelope fields. */
export function inboundFlowFacts(headers: RawHeaders, body: Buffer, jsonState: 'valid' | 'invalid' | null): InboundFlowFacts {
  const envelope = parseObject(body, jsonState);
  const fromBody = (key: string) => (typeof envelope?.[key] === 'string' ? (envelope[key] as string) : null);
  return {
    event: headerValue(headers, 'x-inboundflow-event') ?? fromBody('event'),
    deliveryId: headerValue(headers, 'x-inboundflow-delivery-id') ?? fromBody('delivery_id'),
    envelope,
  };
}
