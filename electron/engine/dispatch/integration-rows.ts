import type { FailureState } from '../../../shared/inboundflow/auto-disable.js';
import type { IntegrationRow } from '../store/integrations/integration-repository.js';

export type { IntegrationRow } from '../store/integrations/integration-repository.js';

export function failureStateOf(row: IntegrationRow): FailureState {
  return {
    enabled: row.enabled === 1,
    consecutiveFailures: row.consecutive_failures,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
  };
}

export function withFailureState(row: IntegrationRow, state: FailureState, now: number): IntegrationRow {
  return {
    ...row,
    enabled: state.enabled ? 1 : 0,
    consecutive_failures: state.consecutiveFailures,
    disabled_reason: state.disabledReason,
    disabled_at: state.disabledAt,
    updated_at: now,
  };
}

// Every fire reads its targets' events; parsed once per version of a row (the repository replaces rows on change).
const parsedEvents = new WeakMap<IntegrationRow, string[]>();

export function eventsOf(row: IntegrationRow): readonly string[] {
  let events = parsedEvents.get(row);
  if (!events) parsedEvents.set(row, (events = JSON.parse(row.events_json) as string[]));
  return events;
}
