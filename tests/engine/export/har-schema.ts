import { z } from 'zod';

/**
 * The required structure of HAR 1.2 (W3C draft / Jan Odvarko's "HAR 1.2 Spec"), written out from
 * the spec so the test needs no network. Objects are strict: besides the spec's fields only
 * custom fields starting with "_" are allowed (the spec's rule for extensions), plus `encoding`
 * on postData, which Hookbench adds to carry binary request bodies the way content carries them.
 */
const custom = <S extends z.ZodRawShape>(shape: S) =>
  z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!(key in shape) && !key.startsWith('_'))
          ctx.addIssue({ code: 'custom', message: `"${key}" is not a HAR 1.2 field (custom fields start with "_")` });
      }
    });

const comment = z.string().optional();
const iso8601 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, 'ISO 8601 with a time zone');
const timing = z.number().min(-1);

const nameValue = custom({ name: z.string(), value: z.string(), comment });
const cookie = custom({
  name: z.string(),
  value: z.string(),
  path: z.string().optional(),
  domain: z.string().optional(),
  expires: iso8601.optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  comment,
});

const postData = custom({
  mimeType: z.string(),
  params: z
    .array(
      custom({
        name: z.string(),
        value: z.string().optional(),
        fileName: z.string().optional(),
        contentType: z.string().optional(),
        comment,
      }),
    )
    .optional(),
  text: z.string().optional(),
  encoding: z.literal('base64').optional(),
  comment,
});

const request = custom({
  method: z.string(),
  url: z.string().url(),
  httpVersion: z.string(),
  cookies: z.array(cookie),
  headers: z.array(nameValue),
  queryString: z.array(nameValue),
  postData: postData.optional(),
  headersSize: z.number().int(),
  bodySize: z.number().int(),
  comment,
});

const content = custom({
  size: z.number().int(),
  compression: z.number().int().optional(),
  mimeType: z.string(),
  text: z.string().optional(),
  encoding: z.string().optional(),
  comment,
});

const response = custom({
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: z.string(),
  cookies: z.array(cookie),
  headers: z.array(nameValue),
  content,
  redirectURL: z.string(),
  headersSize: z.number().int(),
  bodySize: z.number().int(),
  comment,
});

const cacheEntry = custom({ expires: iso8601.optional(), lastAccess: iso8601, eTag: z.string(), hitCount: z.number().int(), comment });

const entry = custom({
  pageref: z.string().optional(),
  startedDateTime: iso8601,
  time: z.number().min(0),
  request,
  response,
  cache: custom({ beforeRequest: cacheEntry.nullable().optional(), afterRequest: cacheEntry.nullable().optional(), comment }),
  timings: custom({
    blocked: timing.optional(),
    dns: timing.optional(),
    connect: timing.optional(),
    send: timing,
    wait: timing,
    receive: timing,
    ssl: timing.optional(),
    comment,
  }),
  serverIPAddress: z.string().optional(),
  connection: z.string().optional(),
  comment,
});

const creator = custom({ name: z.string(), version: z.string(), comment });

export const Har12 = custom({
  log: custom({
    version: z.literal('1.2'),
    creator,
    browser: creator.optional(),
    pages: z
      .array(
        custom({
          startedDateTime: iso8601,
          id: z.string(),
          title: z.string(),
          pageTimings: custom({ onContentLoad: timing.optional(), onLoad: timing.optional(), comment }),
          comment,
        }),
      )
      .optional(),
    entries: z.array(entry),
    comment,
  }),
});
