import { z } from 'zod';
import { IsoTime } from './common.js';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const Slug = z
  .string()
  .regex(SLUG_PATTERN, 'slug must be 1–63 lowercase letters, digits or dashes, not starting or ending with a dash');

export const InboxUrls = z.object({
  http: z.string(),
  https: z.string(),
  tunnel: z.string().nullable(),
});

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
});
export type Inbox = z.infer<typeof Inbox>;

const Name = z.string().trim().min(1, 'name must not be empty').max(100, 'name must be at most 100 characters');
const Secret = z.string().min(1, 'secret must not be empty').max(512).nullable();

export const InboxCreate = z.strictObject({
  name: Name,
  slug: Slug.optional().meta({ description: 'Defaults to a slug made from the name.' }),
  secret: Secret.optional(),
});
export type InboxCreate = z.infer<typeof InboxCreate>;

export const InboxPatch = z.strictObject({
  name: Name.optional(),
  slug: Slug.optional(),
  secret: Secret.optional().meta({ description: 'Setting a new secret keeps the old one as previous_secret.' }),
  previous_secret: z.null().optional().meta({ description: 'Send null to end a rotation.' }),
});
export type InboxPatch = z.infer<typeof InboxPatch>;

export const InboxList = z.object({ items: z.array(Inbox) });
