import {
  checkPlan,
  judgeEvent,
  judgeForgery,
  judgeRedelivery,
  judgeReserialized,
  judgeScheme,
  summarize,
  type ProbeAnswer,
} from '../../../shared/handler-check/check-rules.js';
import type { CheckResult, Scorecard } from '../../../shared/handler-check/scorecard.js';
import { AUTO_DISABLE_AFTER } from '../../../shared/inboundflow/auto-disable.js';
import { DELIVERY_TIMEOUT_MS } from '../../../shared/inboundflow/delivery-timeout.js';
import { SLOW_ANSWER_MS } from '../../../shared/inboundflow/answer-speed.js';
import { checkProbes, type Probe } from './check-probes.js';

/** What sending one probe got back; the sender records it as an outgoing delivery when it can. */
export interface ProbeSent {
  status: number | null;
  durationMs: number;
  failureClass: string | null;
  recordId: string | null;
}

/** Sends one probe with the given deadline, exactly as built (headers in order, body bytes unchanged). */
export type SendProbe = (probe: Probe, url: URL, timeoutMs: number) => Promise<ProbeSent>;

export interface HandlerCheckInput {
  url: URL;
  secret: string | null;
  integrationId?: string | null;
  /** Failures in a row the checked integration already has. */
  streak?: number;
  organizationId?: string;
  /** InboundFlow's 10 s; only tests shorten it. */
  timeoutMs?: number;
  /** Once one delivery went unanswered, the later ones wait this long: a hanging handler costs one full timeout, not one per delivery. */
  afterHangTimeoutMs?: number;
  /** Called before the first delivery with what the check will cost. */
  onPlan?: (plan: Scorecard['plan']) => void;
}

/**
 * Runs the handler check: the check's deliveries one after another (as InboundFlow sends to one
 * integration), then the rules of shared/handler-check judge what came back.
 */
export async function runHandlerCheck(input: HandlerCheckInput, send: SendProbe): Promise<Scorecard> {
  const timeoutMs = input.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const afterHangTimeoutMs = Math.min(input.afterHangTimeoutMs ?? SLOW_ANSWER_MS, timeoutMs);
  const probes = checkProbes(input.secret, input.organizationId);
  const plan = checkPlan({ deliveries: probes.length, timeoutMs, afterHangTimeoutMs });
  input.onPlan?.(plan);

  const startedAt = new Date();
  const answers = new Map<string, ProbeAnswer>();
  let hung = false;
  for (const probe of probes) {
    const deadline = hung ? afterHangTimeoutMs : timeoutMs;
    const sent = await send(probe, input.url, deadline);
    if (sent.failureClass === 'timeout') hung = true;
    answers.set(probe.checkId, {
      status: sent.status,
      durationMs: sent.durationMs,
      failureClass: sent.failureClass,
      timeoutMs: deadline,
      delivery: { record_id: sent.recordId, delivery_id: probe.deliveryId },
    });
  }

  const context = { secretGiven: input.secret !== null, streak: input.streak ?? 0, timeoutMs };
  const checks: CheckResult[] = [judgeScheme(input.url)];
  for (const probe of probes.filter((p) => p.kind === 'event')) {
    checks.push(judgeEvent(probe.checkId, probe.event, answers.get(probe.checkId)!, context));
  }
  const eventChecks = checks.filter((c) => c.id.startsWith('event.'));
  const firstEvent = answers.get(probes[0].checkId)!;
  checks.push(judgeRedelivery(answers.get('redelivery')!, firstEvent, context));

  const validAccepted = eventChecks.some((c) => c.verdict === 'pass' || c.verdict === 'warn');
  const forgeries = (['wrong_signature', 'missing_signature', 'body_changed'] as const).map((kind) =>
    judgeForgery(kind, answers.get(`forged.${kind}`) ?? null, { ...context, validAccepted }),
  );
  checks.push(...forgeries);
  const forgeryAccepted = forgeries.some((c) => c.verdict === 'fail');
  checks.push(judgeReserialized(answers.get('reserialized_body') ?? null, { ...context, validAccepted, forgeryAccepted }));

  return {
    url: input.url.href,
    secret_given: input.secret !== null,
    integration_id: input.integrationId ?? null,
    started_at: startedAt.toISOString(),
    duration_ms: Date.now() - startedAt.getTime(),
    plan,
    disable_after: AUTO_DISABLE_AFTER,
    ...summarize(checks),
    checks,
  };
}
