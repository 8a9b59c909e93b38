import type { Body } from '../../../../shared/api/common.js';

export const INBOUNDFLOW_EVENTS = ['call.completed', 'call.transferred', 'appointment.booked', 'lead.created'] as const;

/** The caller-facing facts of an InboundFlow event, as plain strings ready to show (all optional). */
export interface InboundFlowFacts {
  event: string;
  deliveryId?: string;
  timestamp?: string;
  organizationId?: string;
  callId?: string;
  callerName?: string;
  callerPhone?: string;
  callerEmail?: string;
  summary?: string;
  intent?: string;
  urgency?: string;
  interest?: string;
  reason?: string;
  durationSeconds?: string;
  appointment?: { date?: string; start?: string; end?: string; serviceType?: string };
  transferTarget?: { label?: string; number?: string };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function compact<T extends object>(value: T): T | undefined {
  return Object.values(value).some((v) => v !== undefined) ? value : undefined;
}

/** Bodies above this are not read for the event card: no InboundFlow event is that large. */
export const INBOUNDFLOW_EVENT_MAX_SIZE = 1024 * 1024;

/** Reads an InboundFlow envelope (`{event, data}`) from a JSON body; null for anything else. */
export function readInboundFlowEvent(body: Body): InboundFlowFacts | null {
  if (body.encoding !== 'utf8' || body.size > INBOUNDFLOW_EVENT_MAX_SIZE) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.data);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const envelope = parsed as Record<string, unknown>;
  if (typeof envelope.event !== 'string' || typeof envelope.data !== 'object' || envelope.data === null) return null;
  const data = envelope.data as Record<string, unknown>;
  return {
    event: envelope.event,
    deliveryId: text(envelope.delivery_id),
    timestamp: text(envelope.timestamp),
    organizationId: text(envelope.organization_id),
    callId: text(data.call_id),
    callerName: text(data.caller_name),
    callerPhone: text(data.caller_phone),
    callerEmail: text(data.caller_email),
    summary: text(data.summary) ?? text(data.call_summary),
    intent: text(data.intent),
    urgency: text(data.urgency),
    interest: text(data.interest),
    reason: text(data.reason),
    durationSeconds: text(data.duration_seconds),
    appointment: compact({
      date: text(data.appointment_date),
      start: text(data.appointment_time_start),
      end: text(data.appointment_time_end),
      serviceType: text(data.service_type),
    }),
    transferTarget: compact({ label: text(data.transferred_to_label), number: text(data.transferred_to_number) }),
  };
}
