import { z } from 'zod';

/** Headers exactly as they arrived: `[name, value]` pairs in order, original case, duplicates kept. */
export const RawHeaders = z.array(z.tuple([z.string(), z.string()])).meta({
  description: 'Headers in arrival order with original case; duplicates appear as separate pairs.',
});
export type RawHeaders = z.infer<typeof RawHeaders>;

/** Bodies travel as UTF-8 text when they are valid UTF-8, otherwise base64, so any byte survives JSON. */
export const Body = z.object({
  encoding: z.enum(['utf8', 'base64']),
  data: z.string(),
  size: z.number().int().nonnegative().meta({ description: 'Length of the body in bytes.' }),
});
export type Body = z.infer<typeof Body>;

/**
 * A record's body left out because it is larger than the `inline_limit` the caller asked for. It has
 * no `data` at all, so it cannot pass for an empty body: fetch the exact bytes from `href`.
 */
export const DeferredBody = z.object({
  encoding: z.literal('deferred').meta({ description: 'Not inline: larger than the inline_limit asked for; the bytes are at `href`.' }),
  size: z.number().int().nonnegative().meta({ description: 'Length of the body in bytes.' }),
  href: z.string().meta({ description: 'Where the exact bytes are: /api/deliveries/<id>/body?part=request or ?part=response.' }),
});
export type DeferredBody = z.infer<typeof DeferredBody>;

/** A delivery record's body: inline (utf8 or base64) or, past the caller's `inline_limit`, deferred. */
export const RecordBody = z.discriminatedUnion('encoding', [Body, DeferredBody]).meta({
  description:
    'Inline (encoding utf8 or base64, with data) or, when larger than the inline_limit asked for, deferred (no data; fetch href).',
});
export type RecordBody = z.infer<typeof RecordBody>;

export const IsoTime = z.string().meta({ description: 'ISO 8601 time with milliseconds, UTC.' });

export const ApiError = z.object({
  error: z.string().meta({ description: 'Stable machine-readable code, e.g. not_found.' }),
  message: z.string().meta({ description: 'A sentence that says what went wrong and what to do.' }),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const Ok = z.object({ ok: z.literal(true) });
