import type { RawHeaders } from '../../../shared/api/common.js';
import type { DeliveryRecord } from '../../../shared/api/deliveries.js';
import { inboundflowScheme } from '../../../shared/signatures/inboundflow-adapter.js';
import { schemeVerdictOf } from '../../../shared/signatures/scheme-verdict.js';
import { isInboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { validateEnvelope } from '../../../shared/inboundflow/validate.js';
import { headerValue } from './raw-headers.js';

export interface InboxSecrets {
  secret: string | null;
  previous_secret: string | null;
}

export interface Verdicts {
  signature: DeliveryRecord['signature'];
  schema: DeliveryRecord['schema'];
}

/** A request is judged as InboundFlow when its headers say so or its envelope names a known event. */
export function looksLikeInboundFlow(headers: RawHeaders, parsedBody: unknown): boolean {
  if (headerValue(headers, 'x-inboundflow-event') !== null || headerValue(headers, 'x-inboundflow-signature') !== null) return true;
  const event = (parsedBody as { event?: unknown } | null | undefined)?.event;
  return typeof parsedBody === 'object' && parsedBody !== null && isInboundFlowEvent(event);
}

/** Signature verdict (with its cause and fix) and schema verdict for an InboundFlow-looking delivery. */
export function inboundFlowVerdicts(
  headers: RawHeaders,
  body: Buffer,
  parsed: { state: 'valid' | 'invalid' | null; value: unknown },
  inbox: InboxSecrets,
  receivedAt: number,
): Verdicts {
  if (!looksLikeInboundFlow(headers, parsed.value)) return { signature: null, schema: null };
  const secrets = [inbox.secret, inbox.previous_secret].filter((s): s is string => Boolean(s));
  const diagnosis = inboundflowScheme.diagnose({ rawBody: body, headers }, secrets, { now: new Date(receivedAt) });
  const schema =
    parsed.state === 'valid'
      ? (({ valid, errors }) => ({ valid, errors }))(validateEnvelope(parsed.value))
      : { valid: false, errors: [{ path: '', message: 'the body is not valid JSON' }] };
  return { signature: schemeVerdictOf(diagnosis), schema };
}
