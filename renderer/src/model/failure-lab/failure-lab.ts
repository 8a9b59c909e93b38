import type { Inbox } from '../../../../shared/api/inboxes.js';
import type { Integration } from '../../../../shared/api/integrations.js';
import type { FailureKind, FailureRule } from '../../../../shared/api/responses.js';
import { AUTO_DISABLE_AFTER } from '../../../../shared/inboundflow/auto-disable.js';
import { DELIVERY_TIMEOUT_MS } from '../../../../shared/inboundflow/delivery-timeout.js';

/** Dispatch's own timeout; the API cannot shorten it, so each hang step lasts this long. */
export const DISPATCH_TIMEOUT_S = DELIVERY_TIMEOUT_MS / 1000;

export type LabFailure = 'http_500' | 'timeout' | 'reset';

export interface LabFailureOption {
  id: LabFailure;
  label: string;
  kind: FailureKind;
  /** The failure class the dispatch engine records for it. */
  errorClass: string;
  note: string;
}

export const LAB_FAILURES: LabFailureOption[] = [
  {
    id: 'http_500',
    label: 'HTTP 500',
    kind: { type: 'status', status: 500 },
    errorClass: 'http_500',
    note: 'The inbox answers 500 at once; a streak takes a second or two.',
  },
  {
    id: 'timeout',
    label: 'Hang (timeout)',
    kind: { type: 'hang' },
    errorClass: 'timeout',
    note: `The inbox holds each request until the sender gives up. The dispatch timeout is ${DISPATCH_TIMEOUT_S} s and the API cannot shorten it, so each step takes ${DISPATCH_TIMEOUT_S} s and a streak about ${AUTO_DISABLE_AFTER * DISPATCH_TIMEOUT_S} s.`,
  },
  {
    id: 'reset',
    label: 'Connection reset',
    kind: { type: 'reset' },
    errorClass: 'reset',
    note: 'The inbox stores each request, then resets the connection without answering.',
  },
];

export function labFailure(id: LabFailure): LabFailureOption {
  return LAB_FAILURES.find((option) => option.id === id)!;
}

/** The inbox rule a run sets: every request fails this way. */
export function labFailureRule(id: LabFailure): FailureRule {
  return { mode: 'always', kind: labFailure(id).kind };
}

/** Where the lab points an integration: the inbox's HTTPS URL (the dispatch engine trusts Hookbench's own CA). */
export function labTarget(inbox: Pick<Inbox, 'urls'>): string {
  return inbox.urls.https;
}

export function pointsAtInbox(integration: Pick<Integration, 'url'>, inbox: Pick<Inbox, 'urls'>): boolean {
  return integration.url === labTarget(inbox);
}

/** Whichever copy of an integration is more recent (live messages and our own reads can cross). */
export function newerIntegration(current: Integration | null, candidate: Integration): Integration {
  if (!current || current.id !== candidate.id) return candidate;
  return candidate.updated_at >= current.updated_at ? candidate : current;
}

/** What pressing Run will do, in order, so nothing the lab changes is a surprise. */
export function runPlan(integration: Integration, inbox: Inbox, failure: LabFailure): string[] {
  const plan: string[] = [];
  if (!pointsAtInbox(integration, inbox)) plan.push(`Point ${integration.name} at ${labTarget(inbox)} (now ${integration.url}).`);
  if (!integration.enabled)
    plan.push(`Re-enable ${integration.name} (it is disabled: ${integration.disabled_reason ?? 'unknown reason'}).`);
  plan.push(`Make ${inbox.name} fail every request: ${labFailure(failure).label}.`);
  const left = Math.max(1, AUTO_DISABLE_AFTER - (integration.enabled ? integration.consecutive_failures : 0));
  plan.push(
    `Fire ${integration.events[0] ?? 'an event'} at ${integration.name}, one at a time, until it is auto-disabled (${left} ${left === 1 ? 'failure' : 'failures'} to go).`,
  );
  return plan;
}
