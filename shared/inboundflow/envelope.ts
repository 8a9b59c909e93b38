import * as z from 'zod';
import {
  appointmentBookedDataSchema,
  callCompletedDataSchema,
  callTransferredDataSchema,
  type InboundFlowEvent,
  leadCreatedDataSchema,
} from './events.js';
import { isoDateTime, opaqueId } from './formats.js';

/**
 * The delivery envelope every InboundFlow event shares. `delivery_id` is the idempotency key
 * (a redelivery keeps it), so it is required; ids are opaque strings because the docs print
 * "uuid" / "unique-uuid" placeholders.
 */
const envelopeFields = {
  timestamp: isoDateTime,
  organization_id: opaqueId,
  delivery_id: opaqueId,
};

function envelopeOf<E extends InboundFlowEvent, D extends z.ZodType>(event: E, data: D) {
  return z.looseObject({ event: z.literal(event), ...envelopeFields, data });
}

/** The envelope with any event name, for reporting envelope errors when the event is unknown. */
export const anyEventEnvelopeSchema = z.looseObject({
  event: z.string(),
  ...envelopeFields,
  data: z.looseObject({}),
});

export const callCompletedEnvelopeSchema = envelopeOf('call.completed', callCompletedDataSchema);
export const callTransferredEnvelopeSchema = envelopeOf('call.transferred', callTransferredDataSchema);
export const appointmentBookedEnvelopeSchema = envelopeOf('appointment.booked', appointmentBookedDataSchema);
export const leadCreatedEnvelopeSchema = envelopeOf('lead.created', leadCreatedDataSchema);

export const envelopeSchemaByEvent = {
  'call.completed': callCompletedEnvelopeSchema,
  'call.transferred': callTransferredEnvelopeSchema,
  'appointment.booked': appointmentBookedEnvelopeSchema,
  'lead.created': leadCreatedEnvelopeSchema,
} as const satisfies Record<InboundFlowEvent, z.ZodType>;

export const inboundFlowEnvelopeSchema = z.discriminatedUnion('event', [
  callCompletedEnvelopeSchema,
  callTransferredEnvelopeSchema,
  appointmentBookedEnvelopeSchema,
  leadCreatedEnvelopeSchema,
]);

export type CallCompletedEnvelope = z.infer<typeof callCompletedEnvelopeSchema>;
export type CallTransferredEnvelope = z.infer<typeof callTransferredEnvelopeSchema>;
export type AppointmentBookedEnvelope = z.infer<typeof appointmentBookedEnvelopeSchema>;
export type LeadCreatedEnvelope = z.infer<typeof leadCreatedEnvelopeSchema>;
export type InboundFlowEnvelope = z.infer<typeof inboundFlowEnvelopeSchema>;
export type EnvelopeOf<E extends InboundFlowEvent> = Extract<InboundFlowEnvelope, { event: E }>;
