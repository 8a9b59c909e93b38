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

export const IsoTime = z.string().meta({ description: 'ISO 8601 time with milliseconds, UTC.' });

export const ApiError = z.object({
  error: z.string().meta({ description: 'Stable machine-readable code, e.g. not_found.' }),
  message: z.string().meta({ description: 'A sentence that says what went wrong and what to do.' }),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const Ok = z.object({ ok: z.literal(true) });
