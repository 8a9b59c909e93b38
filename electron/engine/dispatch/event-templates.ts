import { randomUUID } from 'node:crypto';
import type { InboundFlowEvent } from '../../../shared/inboundflow/events.js';

/**
 * Realistic event data for test deliveries: one simulated phone call (caller, business, times
 * just before now) from which each event's `data` is drawn, so a scenario's events agree with
 * each other. Phone numbers use the 555-01xx range set aside for fiction; emails use example.com.
 */

export type Random = () => number;

interface Business {
  label: string;
  services: string[];
  intents: string[];
  interests: string[];
  summaries: string[];
  transferLabels: string[];
  transferReasons: string[];
}

const BUSINESSES: Business[] = [
  {
    label: 'auto repair shop',
    services: ['Brake Inspection', 'Oil Change', 'Auto Repair Appointment', 'Tire Rotation'],
    intents: ['book appointment', 'pricing inquiry', 'repair status'],
    interests: ['brake repair', 'auto body work', 'engine diagnostics'],
    summaries: [
      'Caller wants to bring in a 2019 Honda Civic for a brake inspection; squealing when stopping.',
      'Asked for a quote on front bumper repair for a 2021 Toyota RAV4 after a parking-lot scrape.',
      'Check-engine light came on this morning on a 2017 Ford F-150; wants diagnostics this week.',
    ],
    transferLabels: ['Service Manager', 'Front Desk'],
    transferReasons: ['Wants to discuss an estimate over $1,000', 'Asked for a human about a warranty claim'],
  },
  {
    label: 'dental clinic',
    services: ['New Patient Exam', 'Cleaning', 'Emergency Visit'],
    intents: ['book appointment', 'insurance question', 'emergency'],
    interests: ['teeth whitening', 'dental implants', 'routine cleaning'],
    summaries: [
      'New patient asking whether the clinic takes Delta Dental; wants a cleaning next week.',
      'Caller has a cracked molar and pain since last night; needs the earliest emergency slot.',
      'Parent booking checkups for two children before the school year starts.',
    ],
    transferLabels: ['Office Manager', 'Billing'],
    transferReasons: ['Billing dispute about a previous visit', 'Asked to speak with the dentist directly'],
  },
  {
    label: 'HVAC company',
    services: ['AC Repair', 'Furnace Tune-Up', 'Installation Estimate'],
    intents: ['book appointment', 'pricing inquiry', 'emergency'],
    interests: ['new AC unit', 'heat pump installation', 'maintenance plan'],
    summaries: [
      'AC stopped cooling in a two-story house; caller wants a technician today if possible.',
      'Wants an estimate to replace a 15-year-old furnace before winter.',
      'Asked about the annual maintenance plan and what it covers.',
    ],
    transferLabels: ['Dispatcher', 'Sales'],
    transferReasons: ['No cooling with an elderly resident at home', 'Wants financing options for a new system'],
  },
  {
    label: 'law office',
    services: ['Free Consultation', 'Case Review'],
    intents: ['consultation request', 'case status', 'pricing inquiry'],
    interests: ['personal injury', 'estate planning', 'landlord dispute'],
    summaries: [
      'Caller was rear-ended last week and wants to know if they have a personal injury case.',
      'Wants a will and a power of attorney drawn up for an aging parent.',
      'Tenant asking about getting a security deposit back from a former landlord.',
    ],
    transferLabels: ['Paralegal', 'Intake Specialist'],
    transferReasons: ['Existing client asking about a court date', 'Urgent: served with papers today'],
  },
];

const FIRST_NAMES = ['Dave', 'Sarah', 'Maria', 'James', 'Priya', 'Chen', 'Olivia', 'Marcus', 'Aisha', 'Tom', 'Lucia', 'Noah'];
const LAST_NAMES = ['Miller', 'Johnson', 'Garcia', 'Nguyen', 'Patel', 'Okafor', 'Schmidt', 'Rossi', 'Kim', 'Brown'];
const AREA_CODES = ['415', '312', '512', '617', '206', '303', '404', '615', '702', '919'];
const URGENCY = ['low', 'medium', 'high'] as const;

export interface SimulatedCall {
  callId: string;
  business: Business;
  callerName: string;
  callerPhone: string;
  callerEmail: string;
  businessPhone: string;
  startedAt: Date;
  endedAt: Date;
  durationSeconds: number;
  summary: string;
  intent: string;
  interest: string;
  urgency: (typeof URGENCY)[number];
  service: string;
}

function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length) % items.length];
}

function between(min: number, max: number, random: Random): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A fictional E.164 number: +1, an area code, then 555-01xx. */
function phone(random: Random): string {
  return `+1${pick(AREA_CODES, random)}55501${String(between(0, 99, random)).padStart(2, '0')}`;
}

/** Seconds precision and a Z, as the docs print data times. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One call that just ended, a few seconds before `now`. */
export function simulateCall(now: Date, random: Random = Math.random): SimulatedCall {
  const business = pick(BUSINESSES, random);
  const first = pick(FIRST_NAMES, random);
  const last = pick(LAST_NAMES, random);
  const durationSeconds = between(35, 420, random);
  const endedAt = new Date(Math.floor(now.getTime() / 1000) * 1000 - between(2, 20, random) * 1000);
  return {
    callId: randomUUID(),
    business,
    callerName: `${first} ${last}`,
    callerPhone: phone(random),
    callerEmail: `${first}.${last}@example.com`.toLowerCase(),
    businessPhone: phone(random),
    startedAt: new Date(endedAt.getTime() - durationSeconds * 1000),
    endedAt,
    durationSeconds,
    summary: pick(business.summaries, random),
    intent: pick(business.intents, random),
    interest: pick(business.interests, random),
    urgency: pick(URGENCY, random),
    service: pick(business.services, random),
  };
}

/** The next weekday at a whole hour between 9:00 and 16:00 UTC, one hour long. */
function appointmentSlot(after: Date, random: Random): { start: Date; end: Date } {
  const start = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate() + 1, between(9, 16, random)));
  while (start.getUTCDay() === 0 || start.getUTCDay() === 6) start.setUTCDate(start.getUTCDate() + 1);
  return { start, end: new Date(start.getTime() + 60 * 60 * 1000) };
}

function calendarEventId(random: Random): string {
  const alphabet = 'abcdefghijklmnopqrstuv0123456789';
  return Array.from({ length: 26 }, () => pick([...alphabet], random)).join('');
}

/** The `data` of one event, drawn from the call. */
export function eventData(event: InboundFlowEvent, call: SimulatedCall, random: Random = Math.random): Record<string, unknown> {
  switch (event) {
    case 'call.completed':
      return {
        call_id: call.callId,
        caller_phone: call.callerPhone,
        caller_name: call.callerName,
        caller_email: call.callerEmail,
        duration_seconds: call.durationSeconds,
        summary: call.summary,
        intent: call.intent,
        urgency: call.urgency,
        recording_url: `https://recordings.example.com/calls/${call.callId}.mp3`,
        started_at: isoSeconds(call.startedAt),
        ended_at: isoSeconds(call.endedAt),
      };
    case 'call.transferred':
      return {
        call_id: call.callId,
        caller_phone: call.callerPhone,
        caller_name: call.callerName,
        duration_seconds: call.durationSeconds,
        summary: call.summary,
        transferred_to_label: pick(call.business.transferLabels, random),
        transferred_to_number: call.businessPhone,
        urgency: call.urgency,
        reason: pick(call.business.transferReasons, random),
      };
    case 'appointment.booked': {
      const slot = appointmentSlot(call.endedAt, random);
      const eventId = calendarEventId(random);
      return {
        call_id: call.callId,
        caller_phone: call.callerPhone,
        caller_name: call.callerName,
        appointment_date: slot.start.toISOString().slice(0, 10),
        appointment_time_start: isoSeconds(slot.start),
        appointment_time_end: isoSeconds(slot.end),
        service_type: call.service,
        calendar_event_id: eventId,
        calendar_event_link: `https://calendar.google.com/calendar/event?eid=${Buffer.from(eventId).toString('base64url')}`,
      };
    }
    case 'lead.created':
      return {
        call_id: call.callId,
        caller_phone: call.callerPhone,
        caller_name: call.callerName,
        caller_email: call.callerEmail,
        intent: call.intent,
        urgency: call.urgency,
        interest: call.interest,
        call_summary: call.summary,
      };
  }
}

/** A fresh, realistic `data` for one event. */
export function eventTemplate(event: InboundFlowEvent, now = new Date(), random: Random = Math.random): Record<string, unknown> {
  return eventData(event, simulateCall(now, random), random);
}

export type CallOutcome = 'booked' | 'transferred';

/**
 * An inbound call as InboundFlow reports it: call.completed, then lead.created, then
 * appointment.booked (the AI booked a slot) or call.transferred (it handed the caller to a human).
 */
export function inboundCallSequence(outcome: CallOutcome, now = new Date(), random: Random = Math.random) {
  const call = simulateCall(now, random);
  const events: InboundFlowEvent[] = ['call.completed', 'lead.created', outcome === 'booked' ? 'appointment.booked' : 'call.transferred'];
  return { call, steps: events.map((event) => ({ event, data: eventData(event, call, random) })) };
}
