import type { RawHeaders } from '../../../shared/api/common.js';
import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import { isInboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { validateEnvelope } from '../../../shared/inboundflow/validate.js';
import { headerValue } from '../inbound/raw-headers.js';

/** A request is judged as InboundFlow when its headers say so or its envelope names a known event. */
export function looksLikeInboundFlow(headers: RawHeaders, parsedBody: unknown): boolean {
  if (headerValue(headers, 'x-inboundflow-event') !== null || headerValue(headers, 'x-inboundflow-signature') !== null) return true;
  const event = (parsedBody as { event?: unknown } | null | undefined)?.event;
  return typeof parsedBody === 'object' && parsedBody !== null && isInboundFlowEvent(event);
}

/** The schema verdict of an InboundFlow-looking delivery (its signature is checked with the inbox's scheme setting). */
export function inboundFlowSchemaVerdict(parsed: { state: 'valid' | 'invalid' | null; value: unknown }): DeliveryRecord['schema'] {
  return parsed.state === 'valid'
    ? (({ valid, errors }) => ({ valid, errors }))(validateEnvelope(parsed.value))
    : { valid: false, errors: [{ path: '', message: 'the body is not valid JSON' }] };
}
