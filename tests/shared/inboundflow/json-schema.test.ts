import { describe, it, expect } from 'vitest';
import { isHookbenchError } from '../../../shared/errors.js';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { eventJsonSchema } from '../../../shared/inboundflow/json-schema.js';
import { INBOUNDFLOW_SAMPLES } from '../../../shared/inboundflow/samples.js';
import { REQUIRED_DATA_FIELDS, REQUIRED_ENVELOPE_FIELDS } from './required-fields.js';

interface ObjectSchema {
  properties: Record<string, { const?: unknown; pattern?: string; anyOf?: { pattern?: string }[] } & Partial<ObjectSchema>>;
  required: string[];
  additionalProperties: unknown;
}

describe('eventJsonSchema', () => {
  it.each(INBOUNDFLOW_EVENTS)('describes the full %s envelope as JSON Schema 2020-12', (event) => {
    const schema = eventJsonSchema(event) as unknown as ObjectSchema & Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe(`InboundFlow ${event} delivery`);
    expect(schema.type).toBe('object');
    expect(schema.properties.event.const).toBe(event);
    expect(schema.required).toEqual(REQUIRED_ENVELOPE_FIELDS);
    const data = schema.properties.data as ObjectSchema;
    expect([...data.required].sort()).toEqual([...REQUIRED_DATA_FIELDS[event]].sort());
    // Loose objects: senders add fields over time.
    expect(schema.additionalProperties).toEqual({});
    expect(data.additionalProperties).toEqual({});
    // Survives a JSON round trip (no functions, no cycles), as `hookbench schema` prints it.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it.each(INBOUNDFLOW_EVENTS)('lists every field of the %s docs sample', (event: InboundFlowEvent) => {
    const data = (eventJsonSchema(event) as unknown as ObjectSchema).properties.data as ObjectSchema;
    for (const field of Object.keys(INBOUNDFLOW_SAMPLES[event].data)) expect(data.properties).toHaveProperty(field);
  });

  it('keeps the E.164 pattern, and it accepts the docs number and refuses a local one', () => {
    const data = (eventJsonSchema('call.completed') as unknown as ObjectSchema).properties.data as ObjectSchema;
    const pattern = data.properties.caller_phone.anyOf?.find((option) => option.pattern)?.pattern;
    expect(pattern).toBeDefined();
    expect(new RegExp(pattern as string).test('+1234567890')).toBe(true);
    expect(new RegExp(pattern as string).test('555-1234')).toBe(false);
  });

  it('refuses an unknown event with a coded error that lists the known ones', () => {
    let caught: unknown;
    try {
      eventJsonSchema('call.started' as InboundFlowEvent);
    } catch (error) {
      caught = error;
    }
    expect(isHookbenchError(caught) && caught.code).toBe('unknown_event');
    expect((caught as Error).message).toMatch(/known events: call\.completed, call\.transferred, appointment\.booked, lead\.created/);
  });
});
