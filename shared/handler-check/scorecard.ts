import { z } from 'zod';

/**
 * The handler check's contract: what `hookbench check`, `POST /api/checks` and the UI's scorecard
 * share. One entry per check, in the order the deliveries went out.
 */

export const CheckVerdict = z.enum(['pass', 'warn', 'fail', 'info']).meta({
  description: 'pass: follows the rule; warn: works but risks failures; fail: breaks a rule; info: not checked, or nothing to judge.',
});
export type CheckVerdict = z.infer<typeof CheckVerdict>;

export const CHECK_IDS = [
  'https',
  'event.call.completed',
  'event.call.transferred',
  'event.appointment.booked',
  'event.lead.created',
  'redelivery',
  'forged.wrong_signature',
  'forged.missing_signature',
  'forged.body_changed',
  'reserialized_body',
] as const;
export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

export const CheckDelivery = z.object({
  record_id: z
    .string()
    .nullable()
    .meta({ description: 'The outgoing delivery Hookbench stored for this check (dlv_…), null when not stored.' }),
  delivery_id: z.string().meta({ description: 'The X-InboundFlow-Delivery-Id it carried.' }),
});
export type CheckDelivery = z.infer<typeof CheckDelivery>;

export const CheckResult = z.object({
  id: CheckId,
  title: z.string(),
  required: z.boolean().meta({ description: 'A failed required check makes the scorecard fail (exit 1).' }),
  verdict: CheckVerdict,
  duration_ms: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .meta({ description: 'How long the handler took to answer; null when nothing was sent.' }),
  status: z.number().int().nullable(),
  failure_class: z.string().nullable().meta({ description: 'The failure class InboundFlow would record (timeout, http_302…), or null.' }),
  sentence: z.string().meta({ description: 'What happened, in one sentence.' }),
  fix: z.string().nullable().meta({ description: 'What to change in the handler, when something should change.' }),
  delivery: CheckDelivery.nullable(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const Scorecard = z.object({
  url: z.string(),
  secret_given: z.boolean(),
  integration_id: z.string().nullable(),
  started_at: z.string(),
  duration_ms: z.number().int().nonnegative(),
  plan: z.object({
    deliveries: z.number().int().nonnegative(),
    timeout_ms: z.number().int().positive().meta({ description: 'How long each delivery waits, as InboundFlow does.' }),
    after_hang_timeout_ms: z
      .number()
      .int()
      .positive()
      .meta({ description: 'How long each later delivery waits once one went unanswered.' }),
    max_ms: z.number().int().nonnegative().meta({ description: 'The longest the check can take.' }),
    hang_ms: z.number().int().nonnegative().meta({ description: 'How long it takes against a handler that never answers.' }),
  }),
  disable_after: z.number().int().positive().meta({ description: 'Failures in a row after which InboundFlow disables an integration.' }),
  ok: z.boolean().meta({ description: 'True when no required check failed.' }),
  counts: z.object({ pass: z.number().int(), warn: z.number().int(), fail: z.number().int(), info: z.number().int() }),
  checks: z.array(CheckResult),
});
export type Scorecard = z.infer<typeof Scorecard>;

export const CheckRequest = z
  .strictObject({
    url: z.string().min(1, 'url must not be empty').max(2048).optional().meta({ description: 'The handler to check.' }),
    integration_id: z.string().optional().meta({ description: "Check this integration's URL with its secret." }),
    inbox: z.string().optional().meta({ description: "Check this inbox's forward-to target with the inbox secret (id or slug)." }),
    secret: z.string().min(1, 'secret must not be empty').max(512).optional().meta({
      description: 'The signing secret the handler verifies; without it the signature checks are skipped.',
    }),
  })
  .refine((r) => [r.url, r.integration_id, r.inbox].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of url, integration_id or inbox',
  });
export type CheckRequest = z.infer<typeof CheckRequest>;
