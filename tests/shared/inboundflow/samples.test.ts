import { describe, it, expect } from 'vitest';
import { INBOUNDFLOW_EVENTS } from '../../../shared/inboundflow/events.js';
import { INBOUNDFLOW_SAMPLES, LEAD_CREATED_SAMPLE } from '../../../shared/inboundflow/samples.js';

// The lead.created listing as printed in the InboundFlow webhook docs ("Event Payloads").
const DOCS_LEAD_CREATED = `{
  "event": "lead.created",
  "timestamp": "2026-02-24T21:00:00.000Z",
  "organization_id": "uuid",
  "delivery_id": "unique-uuid",
  "data": {
    "call_id": "uuid",
    "caller_phone": "+1234567890",
    "caller_name": "Dave",
    "caller_email": "dave@example.com",
    "intent": "pricing inquiry",
    "urgency": "high",
    "interest": "auto body work",
    "call_summary": "Called about getting a quote for front bumper repair on a 2019 Honda Civic."
  }
}`;

describe('samples', () => {
  it('reproduce the docs listing, key order included, when pretty-printed', () => {
    expect(JSON.stringify(LEAD_CREATED_SAMPLE, null, 2)).toBe(DOCS_LEAD_CREATED);
  });

  it('hold one sample per event, named by its own event field', () => {
    expect(Object.keys(INBOUNDFLOW_SAMPLES)).toEqual([...INBOUNDFLOW_EVENTS]);
    for (const event of INBOUNDFLOW_EVENTS) expect(INBOUNDFLOW_SAMPLES[event].event).toBe(event);
  });

  it('are frozen all the way down, so a template cannot be edited in place', () => {
    for (const event of INBOUNDFLOW_EVENTS) {
      expect(Object.isFrozen(INBOUNDFLOW_SAMPLES[event])).toBe(true);
      expect(Object.isFrozen(INBOUNDFLOW_SAMPLES[event].data)).toBe(true);
    }
  });
});
