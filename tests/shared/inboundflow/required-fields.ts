import type { InboundFlowEvent } from '../../../shared/inboundflow/events.js';

// The schema decisions written out by hand (README "InboundFlow schema decisions"), so the
// tests check the schemas against the decision rather than against themselves.
export const REQUIRED_ENVELOPE_FIELDS = ['event', 'timestamp', 'organization_id', 'delivery_id', 'data'];

export const REQUIRED_DATA_FIELDS: Record<InboundFlowEvent, string[]> = {
  'call.completed': ['call_id', 'caller_phone', 'duration_seconds', 'summary', 'started_at', 'ended_at'],
  'call.transferred': ['call_id', 'caller_phone', 'duration_seconds', 'summary', 'transferred_to_label', 'transferred_to_number'],
  'appointment.booked': [
    'call_id',
    'caller_phone',
    'appointment_date',
    'appointment_time_start',
    'appointment_time_end',
    'calendar_event_id',
  ],
  'lead.created': ['call_id', 'caller_phone', 'call_summary'],
};

/** Fields that may be null or left out: what the AI extracted, and optional artefacts. */
export const OPTIONAL_DATA_FIELDS: Record<InboundFlowEvent, string[]> = {
  'call.completed': ['caller_name', 'caller_email', 'intent', 'urgency', 'recording_url'],
  'call.transferred': ['caller_name', 'urgency', 'reason'],
  'appointment.booked': ['caller_name', 'service_type', 'calendar_event_link'],
  'lead.created': ['caller_name', 'caller_email', 'intent', 'urgency', 'interest'],
};
