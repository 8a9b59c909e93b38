import { z } from 'zod';
import { Body, IsoTime, RawHeaders } from './common.js';

export const Direction = z.enum(['in', 'out']);
export type Direction = z.infer<typeof Direction>;

export const Via = z.enum(['direct', 'tunnel', 'dispatch', 'replay']);

export const SignatureVerdict = z.enum(['valid', 'invalid', 'unsigned', 'no_secret']);

export const JsonState = z.enum(['valid', 'invalid']).nullable().meta({
  description: 'valid/invalid when the body claims or looks like JSON; null when it is not JSON at all.',
});

export const StatusClass = z.enum(['1xx', '2xx', '3xx', '4xx', '5xx', 'none']);

/** What a list row needs; never carries bodies, so lists stay cheap at any size. */
export const DeliverySummary = z.object({
  id: z.string(),
  direction: Direction,
  inbox_id: z.string().nullable(),
  integration_id: z.string().nullable(),
  method: z.string(),
  path: z.string().meta({ description: 'Path and query exactly as sent.' }),
  event: z.string().nullable(),
  delivery_id: z.string().nullable(),
  content_type: z.string().nullable(),
  size: z.number().int().nonnegative(),
  json: JsonState,
  signature_verdict: SignatureVerdict.nullable(),
  schema_valid: z.boolean().nullable(),
  response_status: z.number().int().nullable(),
  received_at: IsoTime,
  via: Via,
  tls: z.boolean(),
  remote_address: z.string().nullable(),
});
export type DeliverySummary = z.infer<typeof DeliverySummary>;

export const DeliveryResponse = z.object({
  status: z.number().int(),
  headers: RawHeaders,
  body: Body,
});

export const DeliveryRecord = DeliverySummary.extend({
  headers: RawHeaders,
  body: Body,
  response: DeliveryResponse.nullable(),
  signature: z.object({ verdict: SignatureVerdict, reason: z.string() }).passthrough().nullable(),
  schema: z.object({ valid: z.boolean(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }).nullable(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

const intFromQuery = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max);

export const DeliveryListQuery = z.strictObject({
  direction: Direction.optional(),
  inbox: z.string().min(1).optional().meta({ description: 'Inbox id or slug.' }),
  integration: z.string().min(1).optional(),
  event: z.string().min(1).optional(),
  status: StatusClass.optional().meta({ description: 'Response status class; none = no response recorded.' }),
  signature: SignatureVerdict.optional().meta({ description: 'InboundFlow signature verdict.' }),
  schema: z.enum(['valid', 'invalid']).optional().meta({ description: 'InboundFlow schema verdict.' }),
  q: z.string().min(1).max(200).optional().meta({ description: 'Free text matched in the path and the event type.' }),
  before: z.string().min(1).optional().meta({ description: 'Cursor from a previous page\'s `next`.' }),
  limit: intFromQuery(1, 500).default(50),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const DeliveryList = z.object({
  items: z.array(DeliverySummary),
  next: z.string().nullable().meta({ description: 'Pass as `before` for the next (older) page; null at the end.' }),
});
export type DeliveryList = z.infer<typeof DeliveryList>;
