import { z } from 'zod';
import { Body, IsoTime, RawHeaders, RecordBody } from './common.js';
import { DeliveryAnswer } from './responses.js';
import { SchemeName, SchemeVerdict, SignatureVerdict } from './signatures.js';
import { TunnelProviderName } from './tunnel-routes.js';

export const Direction = z.enum(['in', 'out']);
export type Direction = z.infer<typeof Direction>;

export const Via = z.enum(['direct', 'tunnel', 'dispatch', 'replay']);

export { SignatureVerdict };

export const JsonState = z.enum(['valid', 'invalid']).nullable().meta({
  description: 'valid/invalid when the body claims or looks like JSON; null when it is not JSON at all.',
});

export const StatusClass = z.enum(['1xx', '2xx', '3xx', '4xx', '5xx', 'none']);

/** Where an outgoing (dispatched) delivery stands; incoming deliveries have none. */
export const DispatchState = z.enum(['queued', 'sending', 'delivered', 'failed', 'skipped', 'interrupted']).meta({
  description:
    'queued: waiting its turn; sending: an attempt is on the wire; delivered: the last attempt got a 2xx; failed: it did not; ' +
    'skipped: not sent (see skipped_reason); interrupted: Hookbench stopped or crashed before the attempt finished (not counted as a failure).',
});
export type DispatchState = z.infer<typeof DispatchState>;

export const SkippedReason = z.enum(['disabled', 'integration_deleted', 'url_refused']);

/** Outgoing fields, present on outgoing deliveries only (additive to the summary). */
const outgoingFields = {
  dispatch_state: DispatchState.nullable().optional(),
  error_class: z
    .string()
    .nullable()
    .optional()
    .meta({ description: 'Failure class of the last attempt: timeout, dns, refused, reset, tls, network or http_<status>.' }),
  skipped_reason: SkippedReason.nullable().optional(),
};

/** A piece of the matched text around the first hit, for highlighting; offsets are UTF-16 indexes into `text`. */
export const SearchMatch = z.object({
  field: z.enum(['path', 'headers', 'body']),
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])).meta({ description: '[start, end) of each hit within text.' }),
});
export type SearchMatch = z.infer<typeof SearchMatch>;

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
  // Optional in the type only so that hand-made summaries (UI fixtures) stay valid; the engine always sends it.
  signature_scheme: SchemeName.nullable()
    .optional()
    .meta({ description: 'The scheme signature_verdict was checked with (the inbox setting, or the one auto recognised).' }),
  schema_valid: z.boolean().nullable(),
  response_status: z.number().int().nullable(),
  received_at: IsoTime,
  via: Via,
  tls: z.boolean(),
  remote_address: z.string().nullable().meta({
    description:
      'The sender’s address: the peer for direct requests; through a tunnel, as its provider reports it (see remote_address_source).',
  }),
  // Optional in the type only so that hand-made summaries (UI fixtures) stay valid; the engine always sends these two.
  tunnel_provider: TunnelProviderName.nullable()
    .optional()
    .meta({ description: 'Incoming through a tunnel: the provider that carried it (relay, cloudflare, ngrok, localtunnel).' }),
  remote_address_source: z.string().nullable().optional().meta({
    description:
      'Through a tunnel: what reported remote_address, e.g. "CF-Connecting-IP via cloudflare" or "X-Forwarded-For via ngrok"; null for direct requests.',
  }),
  // Optional in the type only so that hand-made summaries (UI fixtures) stay valid; the engine always sends these two.
  queued_at: IsoTime.nullable().optional().meta({
    description:
      'Queued by the relay while the app was away: when the relay took it from the sender (also received_at). The sender got the relay’s answer (see response).',
  }),
  drained_at: IsoTime.nullable().optional().meta({ description: 'Queued deliveries: when the relay’s queue brought it to the app.' }),
  // Optional in the type only so that hand-made summaries (UI fixtures) stay valid; the engine always sends it.
  pinned: z
    .boolean()
    .optional()
    .meta({ description: 'Pinned deliveries are never removed by retention or "clear inbox". Always sent by the engine.' }),
  // Optional in the type only so that hand-made summaries (UI fixtures) stay valid; the engine sends it for received deliveries.
  duplicate_of: z.string().nullable().optional().meta({
    description:
      'Received deliveries: the id of the first delivery in the same inbox with the same InboundFlow delivery_id, when this one came after it; else null.',
  }),
  match: SearchMatch.optional().meta({ description: 'Only in search results (`q` with words): where the first word or phrase was found.' }),
  ...outgoingFields,
});
export type DeliverySummary = z.infer<typeof DeliverySummary>;

/** An answer with its body inline, as attempts and replay results carry it. */
const InlineResponse = z.object({
  status: z.number().int(),
  headers: RawHeaders,
  body: Body,
});

export const DeliveryResponse = InlineResponse.extend({
  body: RecordBody.meta({ description: 'Deferred (fetch GET /api/deliveries/:id/body?part=response) when larger than inline_limit.' }),
});

/** One try at sending an outgoing delivery, as the attempts log keeps it. */
export const DeliveryAttempt = z.object({
  id: z.string(),
  attempt: z.number().int().positive(),
  outcome: z.enum(['sending', 'succeeded', 'failed', 'interrupted']).meta({
    description: 'interrupted: Hookbench stopped or died mid-attempt; such an attempt is not counted toward auto-disable.',
  }),
  url: z.string().nullable(),
  started_at: IsoTime,
  duration_ms: z.number().int().nonnegative().nullable(),
  request_headers: RawHeaders.meta({ description: 'The request headers exactly as written on the wire.' }),
  response: InlineResponse.extend({
    truncated: z.boolean().meta({ description: 'The body is cut at 64 KiB; true when the endpoint sent more.' }),
  }).nullable(),
  error_class: z.string().nullable(),
  error_message: z.string().nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const DeliveryRecord = DeliverySummary.extend({
  headers: RawHeaders,
  body: RecordBody.meta({
    description: 'The exact body; deferred (no data, fetch GET /api/deliveries/:id/body) when larger than the inline_limit asked for.',
  }),
  response: DeliveryResponse.nullable(),
  signature: SchemeVerdict.nullable().meta({
    description: 'The signature as checked at ingest by the scheme the inbox names or, with auto, the one its headers show.',
  }),
  schema: z.object({ valid: z.boolean(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }).nullable(),
  target_url: z.string().nullable().optional().meta({ description: 'Outgoing only: the URL of the latest attempt.' }),
  attempts: z.array(DeliveryAttempt).optional().meta({
    description: 'Outgoing only: every attempt, oldest first. Their response bodies are always inline (cut at 64 KiB).',
  }),
  answer: DeliveryAnswer.nullable()
    .optional()
    .meta({ description: 'How the delivery was answered (forward, scripted, failure) or how its replay went.' }),
  replay_of: z.string().nullable().optional().meta({ description: 'Replays: the id of the delivery replayed.' }),
  relay_request_id: z.string().nullable().optional().meta({
    description: 'Queued deliveries: the relay’s request id (the `id` in its 202); a redelivery with the same id is not stored twice.',
  }),
  url: z.string().nullable().optional().meta({ description: 'Outgoing only: the full URL the request was sent to.' }),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecord>;

/** A record with both bodies inline: what GET /api/deliveries/:id gives without inline_limit, and what exports hold. */
export type InlineDeliveryRecord = Omit<DeliveryRecord, 'body' | 'response'> & {
  body: Body;
  response: z.infer<typeof InlineResponse> | null;
};

export const DeliveryRecordQuery = z.strictObject({
  inline_limit: z
    .string()
    .regex(/^\d{1,15}$/, 'inline_limit must be a whole number of bytes, e.g. 262144')
    .transform(Number)
    .optional()
    .meta({
      description:
        'Bytes. A request or response body larger than this comes as `{encoding: "deferred", size, href}` without its data; ' +
        'fetch it from GET /api/deliveries/:id/body. Without it every body is inline.',
    }),
});

export const DeliveryBodyQuery = z.strictObject({
  part: z.enum(['request', 'response']).default('request').meta({
    description: 'request: the body as received (or sent); response: the body of the answer the record shows as `response`.',
  }),
  download: z.enum(['0', '1']).optional().meta({ description: '1: add Content-Disposition: attachment with a file name.' }),
});
export type DeliveryBodyQuery = z.infer<typeof DeliveryBodyQuery>;

export const DeliveryBodyBytes = z.string().meta({
  description: 'The exact stored bytes, as application/octet-stream (never sniffed or rendered). An empty body is 0 bytes.',
  format: 'binary',
});

const intFromQuery = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const DeliveryListQuery = z.strictObject({
  direction: Direction.optional(),
  inbox: z.string().min(1).optional().meta({ description: 'Inbox id or slug.' }),
  integration: z.string().min(1).optional(),
  event: z.string().min(1).optional(),
  status: StatusClass.optional().meta({
    description: 'Response status class; none = no HTTP answer (none recorded, or a simulated hang or reset).',
  }),
  signature: SignatureVerdict.optional().meta({ description: 'Signature verdict, whatever the scheme.' }),
  scheme: SchemeName.optional().meta({ description: 'Only deliveries whose signature was checked with this scheme.' }),
  schema: z.enum(['valid', 'invalid']).optional().meta({ description: 'InboundFlow schema verdict.' }),
  method: z
    .string()
    .regex(/^[A-Za-z]{1,20}$/, 'method must be an HTTP method such as POST')
    .optional(),
  pinned: z.enum(['true', 'false']).optional().meta({ description: 'true: only pinned deliveries; false: only unpinned ones.' }),
  replay_of: z.string().min(1).optional().meta({ description: 'Only the replays of this delivery (its id), newest first.' }),
  provider: TunnelProviderName.optional().meta({ description: 'Only incoming deliveries that came through this tunnel provider.' }),
  queued: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: only deliveries a relay queued while the app was away (see queued_at); false: only the others.' }),
  duplicate: z.enum(['true', 'false']).optional().meta({
    description: 'true: only received deliveries whose delivery_id the inbox saw before (see duplicate_of); false: only the others.',
  }),
  since: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only deliveries received at or after this ISO time.' }),
  until: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only deliveries received at or before this ISO time.' }),
  q: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .meta({
      description:
        'Full-text search over paths, header values and text bodies: words (all must match, `word*` for a prefix), "exact phrases", ' +
        '`path:`/`header:`/`body:` to search one part, and filters direction: inbox: integration: event: status: signature: scheme: schema: method: pinned: since: until: replay_of: provider: queued: duplicate:. ' +
        'Invalid syntax gets 400 invalid_query.',
    }),
  before: z.string().min(1).optional().meta({ description: "Cursor from a previous page's `next`." }),
  limit: intFromQuery(1, 500).default(50),
});
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const DeliveryList = z.object({
  items: z.array(DeliverySummary),
  next: z.string().nullable().meta({ description: 'Pass as `before` for the next (older) page; null at the end.' }),
});
export type DeliveryList = z.infer<typeof DeliveryList>;
