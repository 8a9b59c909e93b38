import type { DeliveryAnswer } from '../../../../shared/api/responses.js';

/**
 * A delivery's response time (deliveries.response_ms): how long its handler took to answer, or
 * how long Hookbench waited before giving up (a timeout belongs in the slow tail). Nothing when no
 * answer could come: refused, reset, DNS, TLS, stopped, or Hookbench answered itself.
 * Migration 005 backfills with the same rule in SQL.
 */
export function attemptResponseMs(attempt: {
  durationMs: number;
  status: number | null;
  errorClass: string | null;
  outcome: string;
}): number | null {
  if (attempt.outcome === 'interrupted') return null;
  return attempt.status !== null || attempt.errorClass === 'timeout' ? attempt.durationMs : null;
}

/** For a forward or a replay; the built-in, scripted and failure answers carry no duration. */
export function answerResponseMs(answer: DeliveryAnswer): number | null {
  if (answer.duration_ms === undefined) return null;
  return answer.outcome === 'sent' || answer.outcome === 'timeout' ? answer.duration_ms : null;
}
