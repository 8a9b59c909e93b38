import { HookbenchError } from '../../../shared/errors.js';
import type { InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { validateEnvelope } from '../../../shared/inboundflow/validate.js';

/** What each event means, as the InboundFlow docs' event table puts it. */
export const EVENT_DESCRIPTIONS: Record<InboundFlowEvent, string> = {
  'call.completed': 'Fires after a call ends with summary, transcript, and caller info',
  'call.transferred': 'Fires when the AI transfers a call to a configured destination',
  'appointment.booked': 'Fires when the AI books a calendar appointment during a call',
  'lead.created': 'Fires when a new lead is created from a call with sufficient context',
};

/**
 * Checks user-given `data` against the event's schema, so Hookbench never sends what InboundFlow
 * would not. A mismatch is a 400 that lists every problem by path (`data.caller_phone`).
 */
export function checkEventData(event: InboundFlowEvent, data: Record<string, unknown>): Record<string, unknown> {
  const envelope = { event, timestamp: new Date().toISOString(), organization_id: 'check', delivery_id: 'check', data };
  const { valid, errors } = validateEnvelope(envelope);
  if (valid) return data;
  const first = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  throw new HookbenchError(
    'invalid_event_data',
    `${first.path || 'data'}: ${first.message}${more} — data must match the ${event} payload of the InboundFlow docs.`,
    400,
    { errors },
  );
}
