import type { InboundFlowEvent } from '../../../../shared/inboundflow/events.js';

/** The "Trigger" column of InboundFlow's event table, for the event checkboxes. */
export const EVENT_TRIGGERS: Record<InboundFlowEvent, string> = {
  'call.completed': 'Every completed call',
  'call.transferred': 'Call forwarded to human',
  'appointment.booked': 'Calendar booking made',
  'lead.created': 'New lead captured',
};
