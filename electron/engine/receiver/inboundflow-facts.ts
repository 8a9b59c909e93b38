import type { RawHeaders } from '../../../shared/api/common.js';
import { headerValue } from '../inbound/raw-headers.js';

export interface InboundFlowFacts {
  event: string | null;
  deliveryId: string | null;
  /** The parsed envelope when the body is a JSON object, for the schema check. */
  envelope: Record<string, unknown> | null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Event type and delivery id from the InboundFlow headers, falling back to the parsed envelope's fields. */
export function inboundFlowFacts(headers: RawHeaders, parsedBody: unknown): InboundFlowFacts {
  const envelope = asObject(parsedBody);
  const fromBody = (key: string) => (typeof envelope?.[key] === 'string' ? envelope[key] : null);
  return {
    event: headerValue(headers, 'x-inboundflow-event') ?? fromBody('event'),
    deliveryId: headerValue(headers, 'x-inboundflow-delivery-id') ?? fromBody('delivery_id'),
    envelope,
  };
}
