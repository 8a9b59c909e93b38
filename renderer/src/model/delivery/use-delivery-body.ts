import { useCallback, useEffect, useState } from 'react';
import type { Body, RecordBody } from '../../../../shared/api/common.js';
import type { BodyPart } from '../../services/deliveries/deliveries-api.js';
import { useWorkbench } from '../common/workbench-context.js';

export type DeliveryBodyState =
  | { status: 'ready'; body: Body }
  /** Deferred and not asked for (`enabled` false). */
  | { status: 'idle'; size: number }
  | { status: 'loading'; size: number }
  | { status: 'error'; size: number; message: string; retry: () => void };

type Outcome = { key: string; body: Body } | { key: string; message: string };

/**
 * A record's body ready to show: an inline one at once, a deferred one fetched as raw bytes
 * (only while `enabled`), with the loading and failed states a view must show instead of it.
 */
export function useDeliveryBody(id: string, part: BodyPart, body: RecordBody, enabled = true): DeliveryBodyState {
  const { bodies } = useWorkbench();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [attempt, setAttempt] = useState(0);
  const size = body.size;
  const deferred = body.encoding === 'deferred';
  const key = `${id}:${part}:${size}:${attempt}`;

  useEffect(() => {
    if (!deferred || !enabled) return;
    let current = true;
    bodies.load(id, part, size).then(
      (loaded) => current && setOutcome({ key, body: loaded }),
      (error: unknown) => current && setOutcome({ key, message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [bodies, id, part, size, deferred, enabled, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (body.encoding !== 'deferred') return { status: 'ready', body };
  if (!enabled) return { status: 'idle', size };
  if (outcome?.key !== key) return { status: 'loading', size };
  return 'body' in outcome ? { status: 'ready', body: outcome.body } : { status: 'error', size, message: outcome.message, retry };
}
