import type { AppointmentBookedEnvelope, CallCompletedEnvelope, CallTransferredEnvelope, LeadCreatedEnvelope } from './envelope.js';
import type { InboundFlowEvent } from './events.js';

/**
 * The four sample payloads exactly as the InboundFlow webhook docs print them, placeholders
 * ("uuid", "https://...") included, in the docs' key order: JSON.stringify(sample, null, 2)
 * reproduces the docs' listing. Frozen, because they are templates: copy before editing.
 */

export const CALL_COMPLETED_SAMPLE = deepFreeze({
  event: 'call.completed',
  timestamp: '2026-02-24T21:00:00.000Z',
  organization_id: 'uuid',
  delivery_id: 'unique-uuid',
  data: {
    call_id: 'uuid',
    caller_phone: '+1234567890',
    caller_name: 'Dave',
    caller_email: 'dave@example.com',
    duration_seconds: 55,
    summary: 'Called about auto repair appointment. Customer wants to bring in a 2019 Honda Civic for brake inspection.',
    intent: 'book appointment',
    urgency: 'medium',
    recording_url: 'https://...',
    started_at: '2026-02-24T20:59:00Z',
    ended_at: '2026-02-24T21:00:00Z',
  },
} satisfies CallCompletedEnvelope);

export const CALL_TRANSFERRED_SAMPLE = deepFreeze({
  event: 'call.transferred',
  timestamp: '2026-02-24T21:00:00.000Z',
  organization_id: 'uuid',
  delivery_id: 'unique-uuid',
  data: {
    call_id: 'uuid',
    caller_phone: '+1234567890',
    caller_name: 'Dave',
    duration_seconds: 47,
    summary: 'Caller requested to speak with manager about pricing.',
    transferred_to_label: 'Manager',
    transferred_to_number: '+18154264329',
    urgency: 'medium',
    reason: 'Wants to discuss pricing for full body repair',
  },
} satisfies CallTransferredEnvelope);

export const APPOINTMENT_BOOKED_SAMPLE = deepFreeze({
  event: 'appointment.booked',
  timestamp: '2026-02-24T21:00:00.000Z',
  organization_id: 'uuid',
  delivery_id: 'unique-uuid',
  data: {
    call_id: 'uuid',
    caller_phone: '+1234567890',
    caller_name: 'Sarah',
    appointment_date: '2026-02-25',
    appointment_time_start: '2026-02-25T11:00:00Z',
    appointment_time_end: '2026-02-25T12:00:00Z',
    service_type: 'Auto Repair Appointment',
    calendar_event_id: 'google_event_id',
    calendar_event_link: 'https://calendar.google.com/...',
  },
} satisfies AppointmentBookedEnvelope);

export const LEAD_CREATED_SAMPLE = deepFreeze({
  event: 'lead.created',
  timestamp: '2026-02-24T21:00:00.000Z',
  organization_id: 'uuid',
  delivery_id: 'unique-uuid',
  data: {
    call_id: 'uuid',
    caller_phone: '+1234567890',
    caller_name: 'Dave',
    caller_email: 'dave@example.com',
    intent: 'pricing inquiry',
    urgency: 'high',
    interest: 'auto body work',
    call_summary: 'Called about getting a quote for front bumper repair on a 2019 Honda Civic.',
  },
} satisfies LeadCreatedEnvelope);

export const INBOUNDFLOW_SAMPLES = Object.freeze({
  'call.completed': CALL_COMPLETED_SAMPLE,
  'call.transferred': CALL_TRANSFERRED_SAMPLE,
  'appointment.booked': APPOINTMENT_BOOKED_SAMPLE,
  'lead.created': LEAD_CREATED_SAMPLE,
} satisfies Record<InboundFlowEvent, unknown>);

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
