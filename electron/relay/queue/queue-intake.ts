import { isHookbenchError } from '../../../shared/errors.js';
import { newId } from '../../engine/ids.js';
import type { BufferMeter } from '../buffer-meter.js';
import type { ForwardedRequest } from '../forwarded-request.js';
import type { RelayQueue } from './relay-queue.js';

export interface IntakeOptions {
  queues: RelayQueue;
  /** 202 or 200 (--queue-status). */
  status: number;
  meter: BufferMeter;
  /** Bodies being read into the queue are held in memory; past this many bytes at once the relay answers 503. */
  maxIntakeBytes: number;
}

/** The relay's answer to a sender whose request it queued; the app is told the same, to store it with the delivery. */
export function queuedAnswerBody(id: string): string {
  return JSON.stringify({ queued: true, id });
}

/**
 * Reads a request's body and appends it to its tunnel's queue; only once it is on disk the sender
 * gets `202 {"queued":true,"id":…}`. A full queue answers 507, a failed write 503: never a 2xx
 * for a request that is not kept.
 */
export async function enqueueRequest(request: ForwardedRequest, options: IntakeOptions): Promise<void> {
  const queue = options.queues.of(request.tunnelId);
  if (!queue) {
    return request.fail(503, 'queue_write_failed', 'The relay has no queue for this tunnel; nothing was kept. Retry later.', 5);
  }
  if (options.meter.current > options.maxIntakeBytes) {
    return request.fail(503, 'relay_busy', 'The relay is writing as much to its queue as it may hold at once; retry shortly.', 1);
  }
  const body = await request.readWhole();
  if (body === null) return;
  const id = newId('rq', request.arrivedAt);
  try {
    await queue.append({ id, queuedAt: request.arrivedAt, ...request.queuedHead(), body });
  } catch (error) {
    if (isHookbenchError(error)) return request.fail(error.status, error.code, error.message, error.status === 507 ? undefined : 5);
    return request.fail(
      503,
      'queue_write_failed',
      `The relay could not queue this request (${(error as Error).message}); nothing was kept.`,
      5,
    );
  }
  request.answerQueued(options.status, queuedAnswerBody(id));
}
