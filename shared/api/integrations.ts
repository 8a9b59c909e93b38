import { z } from 'zod';
import { INBOUNDFLOW_EVENTS } from '../inboundflow/events.js';
import { IsoTime } from './common.js';
import { DispatchState, SkippedReason } from './deliveries.js';

export const IntegrationKind = z.enum(['zapier', 'make', 'n8n', 'custom']);
export const EventName = z.enum(INBOUNDFLOW_EVENTS, { error: `must be one of: ${INBOUNDFLOW_EVENTS.join(', ')}` });

export const UrlWarning = z.object({
  code: z.string(),
  message: z.string().meta({ description: 'Why the URL looks wrong for this kind; the integration is saved regardless.' }),
});

export const Integration = z.object({
  id: z.string(),
  kind: IntegrationKind,
  name: z.string(),
  url: z.string(),
  events: z.array(EventName),
  secret: z.string().nullable().meta({ description: 'Signing secret; deliveries carry X-InboundFlow-Signature when set.' }),
  previous_secret: z.string().nullable().meta({ description: 'The secret before the last rotation, kept for 24 hours.' }),
  previous_secret_expires_at: IsoTime.nullable(),
  enabled: z.boolean(),
  consecutive_failures: z.number().int().nonnegative(),
  disabled_reason: z.string().nullable().meta({ description: 'Failure class of the 10th consecutive failure, or "manual".' }),
  disabled_at: IsoTime.nullable(),
  skipped_count: z.number().int().nonnegative().meta({ description: 'Deliveries kept as skipped while disabled, waiting to be sent.' }),
  created_at: IsoTime,
  updated_at: IsoTime,
  warnings: z.array(UrlWarning),
});
export type Integration = z.infer<typeof Integration>;

const Name = z.string().trim().min(1, 'name must not be empty').max(100, 'name must be at most 100 characters');
const Events = z
  .array(EventName)
  .min(1, 'choose at least one event')
  .transform((events) => [...new Set(events)]);
const SecretText = z.string().min(1, 'secret must not be empty').max(512);
const SecretInput = z
  .union([SecretText, z.null(), z.strictObject({ generate: z.literal(true) })])
  .meta({ description: 'A secret, null for none, or {"generate": true} for a new random one.' });

export const IntegrationCreate = z.strictObject({
  kind: IntegrationKind,
  name: Name,
  url: z.string().min(1, 'url must not be empty').max(2048),
  events: Events,
  secret: SecretInput.optional(),
  enabled: z.boolean().optional(),
});
export type IntegrationCreate = z.infer<typeof IntegrationCreate>;

export const IntegrationPatch = z.strictObject({
  kind: IntegrationKind.optional(),
  name: Name.optional(),
  url: z.string().min(1, 'url must not be empty').max(2048).optional(),
  events: Events.optional(),
  secret: SecretInput.optional().meta({ description: 'A new secret keeps the old one as previous_secret for 24 hours.' }),
  previous_secret: z.null().optional().meta({ description: 'Send null to end a rotation early.' }),
  enabled: z.boolean().optional().meta({ description: 'false disables (reason "manual"); true re-enables and resets the failure count.' }),
});
export type IntegrationPatch = z.infer<typeof IntegrationPatch>;

export const IntegrationList = z.object({ items: z.array(Integration) });

export const EnableIntegration = z
  .strictObject({
    send_skipped: z.boolean().default(false).meta({ description: 'Also send the deliveries skipped while disabled, oldest first.' }),
  })
  .prefault({});

export const RotateSecret = z
  .strictObject({ secret: SecretText.optional().meta({ description: 'The new secret; a random one when absent.' }) })
  .prefault({});

const Wait = (fallback: boolean) =>
  z.boolean().default(fallback).meta({ description: 'Answer only when every delivery has settled (at most the timeout each).' });

/** One outgoing delivery as a fire, test or redelivery reports it. */
export const OutgoingResult = z.object({
  id: z.string().meta({ description: 'The delivery record: GET /api/deliveries/:id has its attempts.' }),
  integration_id: z.string().nullable(),
  event: z.string(),
  delivery_id: z.string(),
  state: DispatchState,
  response_status: z.number().int().nullable(),
  error_class: z.string().nullable(),
  skipped_reason: SkippedReason.nullable(),
});
export type OutgoingResult = z.infer<typeof OutgoingResult>;

export const IntegrationTest = z
  .strictObject({
    event: EventName.optional().meta({ description: 'Defaults to the first event the integration subscribes to.' }),
    wait: Wait(true),
  })
  .prefault({});

export const EnableResult = z.object({ integration: Integration, requeued: z.array(z.string()) });
export const RequeueResult = z.object({ requeued: z.array(z.string()) });

export const FireEvent = z.strictObject({
  event: EventName,
  data: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "The event's data; a realistic template when absent. Checked against the event's schema." }),
  integration_ids: z.array(z.string()).optional().meta({ description: 'Only these integrations (each must subscribe to the event).' }),
  wait: Wait(false),
});

export const FireResult = z.object({
  event: EventName,
  data: z.record(z.string(), z.unknown()),
  deliveries: z.array(OutgoingResult),
});
export type FireResult = z.infer<typeof FireResult>;

export const InboundCallScenario = z
  .strictObject({
    outcome: z.enum(['booked', 'transferred']).default('booked').meta({
      description: 'booked: call.completed, lead.created, appointment.booked; transferred: call.completed, lead.created, call.transferred.',
    }),
    integration_ids: z.array(z.string()).optional(),
    wait: Wait(false),
  })
  .prefault({});

export const InboundCallResult = z.object({
  call_id: z.string(),
  outcome: z.enum(['booked', 'transferred']),
  events: z.array(FireResult),
});

export const Redeliver = z.strictObject({ wait: Wait(false) }).prefault({});

export const EventTemplates = z.object({
  items: z.array(z.object({ event: EventName, description: z.string(), data: z.record(z.string(), z.unknown()) })),
});
