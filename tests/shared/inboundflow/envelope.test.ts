import { describe, it, expect } from 'vitest';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { inboundFlowEnvelopeSchema } from '../../../shared/inboundflow/envelope.js';
import { INBOUNDFLOW_SAMPLES } from '../../../shared/inboundflow/samples.js';
import { validateEnvelope } from '../../../shared/inboundflow/validate.js';
import { OPTIONAL_DATA_FIELDS, REQUIRED_DATA_FIELDS, REQUIRED_ENVELOPE_FIELDS } from './required-fields.js';

type Json = Record<string, unknown>;

function sampleCopy(event: InboundFlowEvent): Json & { data: Json } {
  return structuredClone(INBOUNDFLOW_SAMPLES[event]);
}

/** A value of another JSON type than the one the sample has. */
function wrongType(value: unknown): unknown {
  return typeof value === 'string' ? 12345 : 'not-a-number';
}

function withData(event: InboundFlowEvent, field: string, value: unknown): Json {
  const copy = sampleCopy(event);
  copy.data[field] = value;
  return copy;
}

describe('validateEnvelope: the docs samples', () => {
  it.each(INBOUNDFLOW_EVENTS)('accepts the docs sample of %s', (event) => {
    expect(validateEnvelope(INBOUNDFLOW_SAMPLES[event])).toEqual({ valid: true, event, errors: [] });
    expect(inboundFlowEnvelopeSchema.safeParse(INBOUNDFLOW_SAMPLES[event]).success).toBe(true);
  });
});

describe('validateEnvelope: required and mistyped fields', () => {
  const envelopeCases = INBOUNDFLOW_EVENTS.flatMap((event) =>
    REQUIRED_ENVELOPE_FIELDS.filter((field) => field !== 'event').map((field) => ({ event, field })),
  );

  it.each(envelopeCases)('reports a missing $field of a $event envelope', ({ event, field }) => {
    const copy = sampleCopy(event);
    delete copy[field];
    expect(validateEnvelope(copy)).toEqual({ valid: false, event, errors: [{ path: field, message: 'is required' }] });
  });

  it.each(envelopeCases)('reports a mistyped $field of a $event envelope', ({ event, field }) => {
    const copy = sampleCopy(event);
    copy[field] = 42;
    const result = validateEnvelope(copy);
    expect(result.valid).toBe(false);
    expect(result.errors.map((error) => error.path)).toEqual([field]);
  });

  const requiredCases = INBOUNDFLOW_EVENTS.flatMap((event) => REQUIRED_DATA_FIELDS[event].map((field) => ({ event, field })));

  it.each(requiredCases)('reports a missing data.$field of $event', ({ event, field }) => {
    const copy = sampleCopy(event);
    delete copy.data[field];
    expect(validateEnvelope(copy).errors).toEqual([{ path: `data.${field}`, message: 'is required' }]);
  });

  const everyFieldCases = INBOUNDFLOW_EVENTS.flatMap((event) =>
    Object.keys(INBOUNDFLOW_SAMPLES[event].data).map((field) => ({ event, field })),
  );

  it.each(everyFieldCases)('reports a mistyped data.$field of $event', ({ event, field }) => {
    const copy = sampleCopy(event);
    const result = validateEnvelope(withData(event, field, wrongType(copy.data[field])));
    expect(result.valid).toBe(false);
    expect(result.errors.map((error) => error.path)).toEqual([`data.${field}`]);
  });

  const optionalCases = INBOUNDFLOW_EVENTS.flatMap((event) => OPTIONAL_DATA_FIELDS[event].map((field) => ({ event, field })));

  it.each(optionalCases)('accepts data.$field of $event as null or absent', ({ event, field }) => {
    expect(validateEnvelope(withData(event, field, null)).valid).toBe(true);
    const copy = sampleCopy(event);
    delete copy.data[field];
    expect(validateEnvelope(copy).valid).toBe(true);
  });

  it('accepts a withheld caller number as null but not as absent', () => {
    expect(validateEnvelope(withData('call.completed', 'caller_phone', null)).valid).toBe(true);
  });

  it('reports every problem at once', () => {
    const copy = sampleCopy('lead.created');
    delete copy.delivery_id;
    copy.data.caller_phone = '555-1234';
    copy.data.caller_email = 'dave@';
    expect(validateEnvelope(copy).errors.map((error) => error.path)).toEqual(['delivery_id', 'data.caller_phone', 'data.caller_email']);
  });
});

describe('validateEnvelope: formats', () => {
  it.each([
    ['+12345678', true],
    ['+123456789012345', true],
    ['+1234567890', true],
    ['1234567890', false],
    ['+1 234 567 890', false],
    ['+0123456789', false],
    ['+1234567', false],
    ['+1234567890123456', false],
    ['', false],
  ])('caller_phone %j valid: %s', (phone, valid) => {
    const result = validateEnvelope(withData('call.completed', 'caller_phone', phone));
    expect(result.valid).toBe(valid);
    if (!valid) expect(result.errors[0]).toEqual({ path: 'data.caller_phone', message: expect.stringMatching(/E\.164/) });
  });

  it.each([
    ['started_at', '2026-02-24T20:59:00+01:00', true],
    ['started_at', '2026-02-24T20:59:00.123456Z', true],
    ['started_at', '2026-02-24T20:59:00', false],
    ['started_at', '2026-02-24 20:59:00Z', false],
    ['started_at', '1709064000', false],
    ['caller_email', 'dave@', false],
    ['caller_email', 'dave example.com', false],
    ['recording_url', 'https://recordings.example.com/r/1.mp3', true],
    ['recording_url', 'javascript:alert(1)', false],
    ['recording_url', 'not a url', false],
    ['urgency', 'low', true],
    ['urgency', 'critical', false],
    ['duration_seconds', 0, true],
    ['duration_seconds', -1, false],
    ['duration_seconds', 1.5, false],
    ['call_id', '', false],
  ])('call.completed data.%s = %j valid: %s', (field, value, valid) => {
    const result = validateEnvelope(withData('call.completed', field, value));
    expect(result.valid).toBe(valid);
    if (!valid) expect(result.errors.map((error) => error.path)).toEqual([`data.${field}`]);
  });

  it.each([
    ['appointment_date', '2026-02-30', false],
    ['appointment_date', '25/02/2026', false],
    ['appointment_date', '2026-02-25T00:00:00Z', false],
    ['appointment_time_end', '2026-02-25T12:00:00-05:00', true],
    ['calendar_event_link', 'ftp://calendar.example.com/e/1', false],
  ])('appointment.booked data.%s = %j valid: %s', (field, value, valid) => {
    expect(validateEnvelope(withData('appointment.booked', field, value)).valid).toBe(valid);
  });

  it('rejects a transfer without a dialable destination number', () => {
    const result = validateEnvelope(withData('call.transferred', 'transferred_to_number', null));
    expect(result.errors.map((error) => error.path)).toEqual(['data.transferred_to_number']);
  });

  it('reports an envelope timestamp in unix seconds instead of ISO', () => {
    const copy = sampleCopy('call.completed');
    copy.timestamp = '1709064000';
    expect(validateEnvelope(copy).errors).toEqual([{ path: 'timestamp', message: expect.stringMatching(/ISO 8601/) }]);
  });
});

describe('validateEnvelope: shape', () => {
  it('allows unknown extra fields in the envelope and in data', () => {
    const copy = sampleCopy('call.completed');
    copy.api_version = '2026-03-01';
    copy.data.sentiment = 'positive';
    copy.data.transcript = 'Hi, I would like to book…';
    expect(validateEnvelope(copy)).toEqual({ valid: true, event: 'call.completed', errors: [] });
  });

  it.each([null, [], 'call.completed', 42])('rejects %j as a whole', (value) => {
    expect(validateEnvelope(value)).toEqual({
      valid: false,
      event: null,
      errors: [{ path: '', message: expect.stringMatching(/JSON object/) }],
    });
  });

  it('reports an unknown event with the known ones, and still checks the rest of the envelope', () => {
    const copy = sampleCopy('call.completed');
    copy.event = 'call.started';
    delete copy.organization_id;
    const result = validateEnvelope(copy);
    expect(result.event).toBeNull();
    expect(result.errors).toEqual([
      {
        path: 'event',
        message: expect.stringMatching(/call\.completed, call\.transferred, appointment\.booked, lead\.created \(got "call\.started"\)/),
      },
      { path: 'organization_id', message: 'is required' },
    ]);
  });

  it('reports a missing event as required', () => {
    const copy = sampleCopy('lead.created');
    delete copy.event;
    expect(validateEnvelope(copy).errors).toEqual([{ path: 'event', message: 'is required' }]);
  });

  it('reports data that is not an object', () => {
    const copy = sampleCopy('lead.created');
    copy.data = [] as unknown as Json;
    expect(validateEnvelope(copy).errors.map((error) => error.path)).toEqual(['data']);
  });
});
