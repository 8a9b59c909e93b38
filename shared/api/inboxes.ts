import { z } from 'zod';
import { IsoTime } from './common.js';
import { FailureRule, ScriptedResponse } from './responses.js';
import { SchemeSetting } from './signatures.js';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const Slug = z
  .string()
  .regex(SLUG_PATTERN, 'slug must be 1–63 lowercase letters, digits or dashes, not starting or ending with a dash');

export const InboxUrls = z.object({
  http: z.string(),
  https: z.string(),
  tunnel: z.string().nullable(),
});

export const DEFAULT_RETENTION = { max_count: 100_000, max_age_hours: null } as const;

/** How much of an inbox is kept; pinned deliveries are never removed. null = no limit of that kind. */
export const Retention = z.object({
  max_count: z
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .nullable()
    .meta({ description: `Keep at most this many deliveries (default ${DEFAULT_RETENTION.max_count}); the oldest unpinned go first.` }),
  max_age_hours: z
    .number()
    .int()
    .min(1)
    .max(876_000)
    .nullable()
    .meta({ description: 'Remove unpinned deliveries older than this (default: no age limit).' }),
});
export type Retention = z.infer<typeof Retention>;

export const RetentionInput = z
  .strictObject({
    max_count: Retention.shape.max_count.optional(),
    max_age_hours: Retention.shape.max_age_hours.optional(),
  })
  .meta({ description: 'A key left out takes its default; null means no limit of that kind.' });

export const Inbox = z.object({
  id: z.string(),
  name: z.string(),
  slug: Slug,
  secret: z.string().nullable().meta({ description: 'Signing secret used to verify InboundFlow signatures.' }),
  previous_secret: z.string().nullable().meta({ description: 'The secret before the last rotation, still accepted.' }),
  created_at: IsoTime,
  updated_at: IsoTime,
  urls: InboxUrls,
  delivery_count: z.number().int().nonnegative(),
  // Optional in the type only so that hand-made inboxes (UI fixtures) stay valid; the engine always sends it.
  duplicate_count: z.number().int().nonnegative().optional().meta({
    description: 'Received deliveries whose InboundFlow delivery_id this inbox saw before (search duplicate:yes).',
  }),
  forward_to: z
    .string()
    .nullable()
    .meta({ description: "Every delivery is stored, then forwarded here; the sender gets the handler's answer." }),
  forward_timeout_ms: z.number().int().meta({ description: 'A handler slower than this gets the sender a 504.' }),
  response: ScriptedResponse.nullable().meta({ description: 'The scripted answer; null for the built-in 200 {"ok":true,"id":…}.' }),
  failure: FailureRule.nullable().meta({ description: 'Failure simulation; null for none.' }),
  retention: Retention.optional().meta({ description: 'The retention in force (defaults filled in). Always sent by the engine.' }),
  // Optional in the type only so that hand-made inboxes (UI fixtures) stay valid; the engine always sends it.
  signature_scheme: SchemeSetting.optional().meta({
    description: 'How signatures are checked: auto or one scheme (see GET /api/inboxes/:id/signature). Always sent by the engine.',
  }),
});
export type Inbox = z.infer<typeof Inbox>;

const Name = z.string().trim().min(1, 'name must not be empty').max(100, 'name must be at most 100 characters');
const Secret = z.string().min(1, 'secret must not be empty').max(512).nullable();

export const DEFAULT_FORWARD_TIMEOUT_MS = 9_000;

/** An http(s) URL to forward to; loopback handlers are the usual target. */
export const ForwardTo = z
  .string()
  .max(2048)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.hash;
    } catch {
      return false;
    }
  }, 'forward_to must be an http:// or https:// URL without credentials or #fragment, e.g. http://localhost:3000/webhooks');

const ForwardTimeout = z
  .number()
  .int()
  .min(100, 'forward_timeout_ms must be at least 100')
  .max(600_000, 'forward_timeout_ms must be at most 600000');

const answerFields = {
  forward_to: ForwardTo.nullable().optional().meta({ description: 'null stops forwarding.' }),
  forward_timeout_ms: ForwardTimeout.optional().meta({
    description: `Default ${DEFAULT_FORWARD_TIMEOUT_MS} (InboundFlow gives up after 10 s).`,
  }),
  response: ScriptedResponse.nullable().optional().meta({ description: 'null restores the built-in answer.' }),
  failure: FailureRule.nullable()
    .optional()
    .meta({ description: "null ends failure simulation; saving the inbox restarts a rule's count." }),
  retention: RetentionInput.nullable().optional().meta({ description: 'null restores the defaults.' }),
};

export const InboxCreate = z.strictObject({
  name: Name,
  slug: Slug.optional().meta({ description: 'Defaults to a slug made from the name.' }),
  secret: Secret.optional(),
  ...answerFields,
});
export type InboxCreate = z.infer<typeof InboxCreate>;

export const InboxPatch = z.strictObject({
  name: Name.optional(),
  slug: Slug.optional(),
  secret: Secret.optional().meta({ description: 'Setting a new secret keeps the old one as previous_secret.' }),
  previous_secret: z.null().optional().meta({ description: 'Send null to end a rotation.' }),
  ...answerFields,
});
export type InboxPatch = z.infer<typeof InboxPatch>;

export const InboxList = z.object({ items: z.array(Inbox) });

export const ClearResult = z.object({
  ok: z.literal(true),
  removed: z.number().int().nonnegative(),
  kept_pinned: z.number().int().nonnegative(),
});
