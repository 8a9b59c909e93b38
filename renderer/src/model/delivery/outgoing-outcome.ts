import type { DeliveryRecord, DispatchState } from '../../../../shared/api/deliveries.js';
import type { OutgoingResult } from '../../../../shared/api/integrations.js';

/** One outgoing delivery's result as the UI reports it: state, status, timing and failure class. */
export interface OutgoingOutcome {
  deliveryId: string;
  event: string;
  state: DispatchState;
  status: number | null;
  errorClass: string | null;
  /** The engine's sentence saying what to do about the failure. */
  errorMessage: string | null;
  durationMs: number | null;
  url: string | null;
  skippedReason: string | null;
}

/** Joins a test's or fire's result with the delivery record's latest attempt, which carries the timing. */
export function outgoingOutcome(result: OutgoingResult, record: DeliveryRecord | null): OutgoingOutcome {
  const attempt = record?.attempts?.at(-1) ?? null;
  return {
    deliveryId: result.id,
    event: result.event,
    state: record?.dispatch_state ?? result.state,
    status: attempt?.response?.status ?? result.response_status,
    errorClass: attempt ? attempt.error_class : result.error_class,
    errorMessage: attempt?.error_message ?? null,
    durationMs: attempt?.duration_ms ?? null,
    url: attempt?.url ?? record?.target_url ?? null,
    skippedReason: result.skipped_reason,
  };
}

/** "84 ms", "10.0 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
