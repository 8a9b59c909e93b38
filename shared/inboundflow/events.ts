import * as z from 'zod';
import { durationSeconds, emailAddress, isoDate, isoDateTime, opaqueId, phoneE164, urgency, webUrl } from './formats.js';

/**
 * The `data` object of each InboundFlow event, field for field as the docs print it.
 * Rule used where the docs are silent (README "InboundFlow schema decisions"):
 * - what the platform always knows (ids, times, durations, the number it dialled) is required;
 * - the caller's number may be null (withheld caller ID) but the key must be there;
 * - what the AI extracted from the conversation (name, email, intent, urgency, interest,
 *   reason, service type) and optional artefacts (recording, calendar link) may be null or absent.
 * Objects are loose: senders add fields over time, and an unknown field is not an error.
 */

export const INBOUNDFLOW_EVENTS = ['call.completed', 'call.transferred', 'appointment.booked', 'lead.created'] as const;
export type InboundFlowEvent = (typeof INBOUNDFLOW_EVENTS)[number];

export function isInboundFlowEvent(value: unknown): value is InboundFlowEvent {
  return typeof value === 'string' && (INBOUNDFLOW_EVENTS as readonly string[]).includes(value);
}

const callerPhone = phoneE164.nullable();
const extracted = z.string().nullish();

export const callCompletedDataSchema = z.looseObject({
  call_id: opaqueId,
  caller_phone: callerPhone,
  caller_name: extracted,
  caller_email: emailAddress.nullish(),
  duration_seconds: durationSeconds,
  summary: z.string(),
  // The event table promises a transcript but the sample has none: typed if present, never required.
  transcript: z.string().nullish(),
  intent: extracted,
  urgency: urgency.nullish(),
  recording_url: webUrl.nullish(),
  started_at: isoDateTime,
  ended_at: isoDateTime,
});

export const callTransferredDataSchema = z.looseObject({
  call_id: opaqueId,
  caller_phone: callerPhone,
  caller_name: extracted,
  duration_seconds: durationSeconds,
  summary: z.string(),
  transferred_to_label: z.string(),
  transferred_to_number: phoneE164,
  urgency: urgency.nullish(),
  reason: extracted,
});

export const appointmentBookedDataSchema = z.looseObject({
  call_id: opaqueId,
  caller_phone: callerPhone,
  caller_name: extracted,
  appointment_date: isoDate,
  appointment_time_start: isoDateTime,
  appointment_time_end: isoDateTime,
  service_type: extracted,
  calendar_event_id: opaqueId,
  calendar_event_link: webUrl.nullish(),
});

export const leadCreatedDataSchema = z.looseObject({
  call_id: opaqueId,
  caller_phone: callerPhone,
  caller_name: extracted,
  caller_email: emailAddress.nullish(),
  intent: extracted,
  urgency: urgency.nullish(),
  interest: extracted,
  call_summary: z.string(),
});

export type CallCompletedData = z.infer<typeof callCompletedDataSchema>;
export type CallTransferredData = z.infer<typeof callTransferredDataSchema>;
export type AppointmentBookedData = z.infer<typeof appointmentBookedDataSchema>;
export type LeadCreatedData = z.infer<typeof leadCreatedDataSchema>;
