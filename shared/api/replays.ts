import { z } from 'zod';
import { Body, IsoTime, RawHeaders } from './common.js';
import { DeliveryListQuery } from './deliveries.js';
import { ForwardTo } from './inboxes.js';
import { HeaderList } from './responses.js';

export const ReplayMode = z.enum(['exact', 'resign']).meta({
  description:
    "exact: the original method, headers and bytes; resign: the same, signed again in the delivery's scheme (Stripe, GitHub, Twilio… or InboundFlow's X-InboundFlow-Timestamp and X-InboundFlow-Signature) with a new timestamp; ids are kept.",
});

const Target = ForwardTo.meta({
  description:
    "Where to send it. Default: the inbox's forward_to (incoming deliveries) or the original URL (outgoing ones). " +
    'For incoming deliveries the path after /i/<slug> and the query are appended, as forwarding does.',
});

const Secret = z.string().min(1, 'secret must not be empty').max(512).meta({
  description: "resign: the signing secret. Default: the inbox's secret (or the integration's, for outgoing deliveries).",
});

const Timeout = z.number().int().min(100).max(600_000).meta({ description: 'Give up after this long (default 9000).' });

export const ReplayEdits = z.strictObject({
  headers: HeaderList.optional().meta({
    description: 'Replaces the header list ([name, value] pairs); Host and Content-Length are still set for the target and body.',
  }),
  body: z
    .union([z.string(), z.strictObject({ encoding: z.enum(['utf8', 'base64']), data: z.string() })])
    .optional()
    .meta({ description: 'Replaces the body: text, or {encoding: "base64", data} for bytes.' }),
});
export type ReplayEdits = z.infer<typeof ReplayEdits>;

export const ReplayRequest = z
  .strictObject({
    target: Target.optional(),
    mode: ReplayMode.default('exact'),
    secret: Secret.optional(),
    edits: ReplayEdits.optional().meta({ description: 'Applied before re-signing, so an edited resign verifies.' }),
    timeout_ms: Timeout.optional(),
  })
  .prefault({});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

export const ReplayResult = z.object({
  id: z.string().meta({ description: 'The outgoing record of this replay (GET /api/deliveries/:id).' }),
  replay_of: z.string(),
  url: z.string(),
  mode: ReplayMode,
  outcome: z
    .enum(['sent', 'failed', 'timeout'])
    .meta({ description: 'sent: the target answered (any status); failed: unreachable; timeout: too slow.' }),
  status: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  response: z.object({ status: z.number().int(), headers: RawHeaders, body: Body }).nullable(),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

/** The list filters (GET /api/deliveries), without paging. */
export const DeliveryFilterFields = DeliveryListQuery.omit({ before: true, limit: true });

/** The most ids one bulk replay takes; more is a filter's job. */
export const MAX_BULK_REPLAY_IDS = 10_000;

export const BulkReplayRequest = z
  .strictObject({
    ids: z
      .array(z.string().min(1))
      .min(1)
      .max(MAX_BULK_REPLAY_IDS)
      .optional()
      .meta({ description: 'These deliveries (sent in arrival order, whatever the order given).' }),
    filter: DeliveryFilterFields.optional().meta({
      description: 'Every delivery the list would show with these filters, as of the start.',
    }),
    target: Target.optional(),
    mode: ReplayMode.default('exact'),
    secret: Secret.optional(),
    timeout_ms: Timeout.optional(),
  })
  .refine((value) => (value.ids === undefined) !== (value.filter === undefined), {
    message: 'give either ids or filter (exactly one)',
    path: ['ids'],
  });
export type BulkReplayRequest = z.infer<typeof BulkReplayRequest>;

export const ReplayJobState = z.enum(['running', 'done', 'cancelled', 'failed']);

export const ReplayJob = z.object({
  job: z.string(),
  state: ReplayJobState,
  total: z.number().int(),
  done: z.number().int().meta({ description: 'Replays sent so far (including failed ones).' }),
  failed: z.number().int().meta({ description: 'Replays without a 2xx answer (unreachable, timeout or non-2xx).' }),
  mode: ReplayMode,
  target: z.string().nullable(),
  started_at: IsoTime,
  finished_at: IsoTime.nullable(),
  last_error: z.object({ delivery: z.string(), code: z.string(), message: z.string() }).nullable(),
});
export type ReplayJob = z.infer<typeof ReplayJob>;

/** The live feed's progress message of a bulk replay. */
export const ReplayProgress = z.object({
  type: z.literal('replay.progress'),
  job: z.string(),
  state: ReplayJobState,
  done: z.number().int(),
  total: z.number().int(),
  failed: z.number().int(),
});
export type ReplayProgress = z.infer<typeof ReplayProgress>;
