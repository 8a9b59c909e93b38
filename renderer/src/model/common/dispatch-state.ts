import type { DispatchState } from '../../../../shared/api/deliveries.js';
import type { StatusShape } from './status-class.js';

export type DispatchTone = 'ok' | 'bad' | 'warn' | 'busy' | 'idle';

export interface DispatchCue {
  label: string;
  shape: StatusShape;
  tone: DispatchTone;
}

const CUES: Record<DispatchState, DispatchCue> = {
  queued: { label: 'Queued', shape: 'ring', tone: 'idle' },
  sending: { label: 'Sending', shape: 'dot', tone: 'busy' },
  delivered: { label: 'Delivered', shape: 'check', tone: 'ok' },
  failed: { label: 'Failed', shape: 'cross', tone: 'bad' },
  skipped: { label: 'Skipped', shape: 'triangle', tone: 'warn' },
  interrupted: { label: 'Interrupted', shape: 'triangle', tone: 'warn' },
};

const SKIPPED_REASONS: Record<string, string> = {
  disabled: 'the integration was disabled',
  integration_deleted: 'the integration was deleted',
  url_refused: 'its URL is no longer allowed',
};

/** Where an outgoing delivery stands, as colour, shape and a word together. */
export function dispatchCue(state: DispatchState): DispatchCue {
  return CUES[state];
}

/** "Skipped: the integration was disabled". */
export function skippedReasonText(reason: string | null | undefined): string {
  return reason ? (SKIPPED_REASONS[reason] ?? reason) : 'not sent';
}

/** A settled state will not change without a redelivery. */
export function isSettled(state: DispatchState | null | undefined): boolean {
  return state === 'delivered' || state === 'failed' || state === 'skipped' || state === 'interrupted';
}
