import * as z from 'zod';
import { HookbenchError } from '../errors.js';
import { envelopeSchemaByEvent } from './envelope.js';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent, isInboundFlowEvent } from './events.js';

export type JsonSchema = Record<string, unknown>;

/** JSON Schema (draft 2020-12) of the full envelope of one event, generated from the zod schema. */
export function eventJsonSchema(event: InboundFlowEvent): JsonSchema {
  // The type already rules this out; the check is for callers passing user input through.
  if (!isInboundFlowEvent(event)) {
    throw new HookbenchError(
      'unknown_event',
      `Unknown InboundFlow event ${JSON.stringify(event)} — known events: ${INBOUNDFLOW_EVENTS.join(', ')}`,
    );
  }
  const schema = z.toJSONSchema(envelopeSchemaByEvent[event]) as JsonSchema;
  return {
    $schema: schema.$schema,
    title: `InboundFlow ${event} delivery`,
    description: `Body of an InboundFlow webhook delivery for the ${event} event. Unknown fields are allowed.`,
    ...schema,
  };
}
