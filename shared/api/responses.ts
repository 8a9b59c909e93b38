import { z } from 'zod';
import { RawHeaders } from './common.js';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What Node accepts in a header value: no CR, LF or other control characters besides tab.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Headers a scripted answer may carry: valid names and values, written in this order and case. */
export const HeaderList = z
  .array(
    z.tuple([
      z.string().regex(HEADER_NAME, "header names are tokens: letters, digits and !#$%&'*+-.^_`|~"),
      z.string().regex(HEADER_VALUE, 'header values must not contain line breaks or control characters'),
    ]),
  )
  .max(100)
  .meta({ description: '[name, value] pairs, written in this order and case. Content-Length is computed; framing headers are dropped.' });

const Status = z.number().int().min(200, 'status must be 200–599').max(599, 'status must be 200–599');

/** The inbox's own answer when nothing else (failure simulation, forward-to) decides. */
export const ScriptedResponse = z.strictObject({
  status: Status.default(200),
  headers: HeaderList.default([]),
  body: z
    .string()
    .max(1024 * 1024)
    .default(''),
  body_encoding: z.enum(['utf8', 'base64']).default('utf8').meta({ description: 'base64 for a binary body.' }),
  delay_ms: z
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(0)
    .meta({ description: 'Wait this long after the delivery is stored before answering.' }),
});
export type ScriptedResponse = z.infer<typeof ScriptedResponse>;

/** How a simulated failure is acted out towards the sender. */
export const FailureKind = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('status'),
    status: Status,
    body: z
      .string()
      .max(64 * 1024)
      .optional()
      .meta({
        description: 'Defaults to the usual body for a 2xx, and to {"error":"simulated_failure",…} otherwise.',
      }),
  }),
  z.strictObject({
    type: z.literal('hang'),
    ms: z.number().int().min(1).max(600_000).optional().meta({
      description: 'Close the connection without an answer after this long; absent: hold it until the sender gives up.',
    }),
  }),
  z.strictObject({ type: z.literal('reset').meta({ description: 'Destroy the connection (TCP RST): the sender sees ECONNRESET.' }) }),
  z.strictObject({
    type: z.literal('trickle'),
    bytes_per_second: z.number().int().min(1).max(10_000_000).meta({ description: 'Send the usual answer this slowly.' }),
  }),
]);
export type FailureKind = z.infer<typeof FailureKind>;

/** Shorthand sequence steps: "500" (any 200–599), "timeout" or "hang", "reset", "default" (no failure: the usual answer). */
export const SEQUENCE_SHORTHAND = /^(?:[2-5]\d\d|timeout|hang|reset|default)$/;

export const SequenceStep = z.union([
  z.string().regex(SEQUENCE_SHORTHAND, 'a sequence step is "200"–"599", "timeout", "hang", "reset", "default" or a failure kind object'),
  FailureKind,
]);
export type SequenceStep = z.infer<typeof SequenceStep>;

/** Failure simulation: which requests to an inbox fail, and how. */
export const FailureRule = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('next'),
    count: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1)
      .meta({ description: 'How many of the next requests fail; then the usual answer.' }),
    kind: FailureKind,
  }),
  z.strictObject({ mode: z.literal('probability'), probability: z.number().min(0).max(1), kind: FailureKind }),
  z.strictObject({ mode: z.literal('always'), kind: FailureKind }),
  z.strictObject({
    mode: z.literal('sequence'),
    sequence: z.array(SequenceStep).min(1).max(1000),
    repeat: z
      .boolean()
      .default(false)
      .meta({ description: 'Start over after the last step; otherwise answer as usual once it is used up.' }),
  }),
]);
export type FailureRule = z.infer<typeof FailureRule>;

/** What the next request to an inbox will get, for the UI to show before it happens. */
export const NextResponse = z.object({
  inbox_id: z.string(),
  will: z.enum(['usual', 'fail', 'maybe_fail']).meta({
    description: 'usual: the usual answer; fail: the failure below; maybe_fail: the failure with `probability`, else the usual answer.',
  }),
  failure: FailureKind.nullable(),
  probability: z.number().nullable(),
  usual: z.discriminatedUnion('type', [
    z.object({ type: z.literal('forward'), target: z.string(), timeout_ms: z.number().int() }),
    z.object({
      type: z.literal('scripted'),
      status: z.number().int(),
      headers: RawHeaders,
      body: z.string(),
      body_encoding: z.enum(['utf8', 'base64']),
      delay_ms: z.number().int(),
    }),
    z.object({ type: z.literal('default'), status: z.literal(200) }),
  ]),
  rule: z
    .object({
      mode: z.enum(['next', 'probability', 'always', 'sequence']),
      served: z.number().int().meta({ description: 'Requests judged by the rule since it was set (or the inbox last saved).' }),
      remaining: z.number().int().nullable().meta({ description: 'next: failures left; sequence without repeat: steps left.' }),
      step: z.number().int().nullable().meta({ description: 'sequence: index of the next step.' }),
    })
    .nullable(),
  description: z.string().meta({ description: 'One sentence for the UI.' }),
});
export type NextResponse = z.infer<typeof NextResponse>;

/** Who answered a delivery (or, for a replay, how it went), stored with it. */
export const DeliveryAnswer = z.object({
  source: z.enum(['default', 'scripted', 'failure', 'forward', 'replay', 'relay_queue']).meta({
    description:
      'default: the built-in 200; scripted: the inbox response; failure: failure simulation; forward: the forward_to handler; replay: an outgoing replay; ' +
      'relay_queue: the relay answered the sender itself (the recorded response) when it queued the request while the app was away.',
  }),
  outcome: z.enum(['sent', 'pending', 'hang', 'reset', 'trickle', 'failed', 'timeout']).meta({
    description:
      'sent: an HTTP answer was written (or, for a replay, received); pending: forwarding in progress; hang/reset/trickle: the failure acted out ' +
      '(hang and reset record status 0); failed: the target could not be reached (502 to the sender); timeout: the target was too slow (504).',
  }),
  delay_ms: z.number().int().optional(),
  failure: FailureKind.optional(),
  target: z.string().optional().meta({ description: 'forward and replay: the URL the request went to.' }),
  duration_ms: z.number().int().optional().meta({ description: 'forward and replay: from sending to the end of the answer.' }),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  mode: z.enum(['exact', 'resign']).optional(),
  edited: z.boolean().optional(),
  job: z.string().optional().meta({ description: 'The bulk replay job that sent it.' }),
});
export type DeliveryAnswer = z.infer<typeof DeliveryAnswer>;
