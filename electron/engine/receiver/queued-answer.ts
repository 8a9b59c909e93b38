import type { DeliveryAnswer } from '../../../shared/api/responses.js';
import { jsonResponse, type CapturedRequest, type RecordedResponse, type ResponsePlan } from '../inbound/captured-request.js';

type RelayQueued = NonNullable<CapturedRequest['relayQueue']>;

/** What is stored as the response of a queued delivery: the relay's own answer, the one the sender got. */
export function relayAnswerRecorded(queued: RelayQueued): RecordedResponse {
  const body = Buffer.from(queued.answered.body);
  return {
    status: queued.answered.status,
    headers: [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.byteLength)],
    ],
    body,
  };
}

export const RELAY_QUEUE_ANSWER: DeliveryAnswer = { source: 'relay_queue', outcome: 'sent' };

/** What the tunnel acknowledges to the relay: nobody else reads it. */
export function queuedPlan(id: string, queued: 'stored' | 'duplicate'): ResponsePlan {
  return { ...jsonResponse(200, { ok: true, id, ...(queued === 'duplicate' ? { duplicate: true } : {}) }), queued };
}
