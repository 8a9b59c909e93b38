import type { RawHeaders } from '../../../shared/api/common.js';
import type { DeliveryAnswer, FailureKind, ScriptedResponse } from '../../../shared/api/responses.js';
import { jsonResponse, type RecordedResponse, type ResponsePlan } from '../inbound/captured-request.js';

/** The answer decided for one request: the plan for the transport and what is stored about it. */
export interface PlannedAnswer {
  plan: ResponsePlan;
  recorded: RecordedResponse;
  answer: DeliveryAnswer | null;
  delayMs: number;
}

// Framing is Hookbench's job: a scripted Content-Length or Transfer-Encoding would break the answer.
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade']);

/** Hookbench's own answer: `200 {"ok":true,"id":…}`. */
export function builtInAnswer(id: string): PlannedAnswer {
  const plan = jsonResponse(200, { ok: true, id });
  return { plan, recorded: plan, answer: null, delayMs: 0 };
}

export function scriptedAnswer(response: ScriptedResponse): PlannedAnswer {
  const body = Buffer.from(response.body, response.body_encoding === 'base64' ? 'base64' : 'utf8');
  const headers: RawHeaders = response.headers.filter(([name]) => !FRAMING.has(name.toLowerCase()));
  headers.push(['Content-Length', String(body.byteLength)]);
  const plan = { status: response.status, headers, body };
  return { plan, recorded: plan, answer: { source: 'scripted', outcome: 'sent', delay_ms: response.delay_ms }, delayMs: response.delay_ms };
}

/** A simulated status: its own body if given, the usual body for a 2xx, else a JSON that says it was simulated. */
function statusPlan(kind: Extract<FailureKind, { type: 'status' }>, usual: ResponsePlan, id: string): ResponsePlan {
  if (kind.body !== undefined) {
    const body = Buffer.from(kind.body);
    return {
      status: kind.status,
      headers: [
        ['Content-Type', 'text/plain; charset=utf-8'],
        ['Content-Length', String(body.byteLength)],
      ],
      body,
    };
  }
  if (kind.status < 300) return { ...usual, status: kind.status };
  const message = `Hookbench answered ${kind.status} because the inbox's failure simulation says so; the delivery was stored.`;
  return jsonResponse(kind.status, { error: 'simulated_failure', message, id });
}

const NO_ANSWER: RecordedResponse = { status: 0, headers: [], body: Buffer.alloc(0) };

/**
 * A simulated failure on top of the usual answer. Hang and reset are recorded as status 0; the
 * plan's own status and body are only what a transport that cannot act them out sends instead.
 */
export function failureAnswer(kind: FailureKind, usual: PlannedAnswer, id: string): PlannedAnswer {
  const answer = (outcome: DeliveryAnswer['outcome']): DeliveryAnswer => ({ source: 'failure', outcome, failure: kind });
  switch (kind.type) {
    case 'status': {
      const plan = statusPlan(kind, usual.plan, id);
      return { plan, recorded: plan, answer: answer('sent'), delayMs: 0 };
    }
    case 'hang':
    case 'reset': {
      const fallback = jsonResponse(502, {
        error: 'simulated_failure',
        message: `This transport cannot act out a simulated ${kind.type}; the delivery was stored.`,
        id,
      });
      const plan = { ...fallback, act: kind.type === 'hang' ? { type: 'hang' as const, ms: kind.ms } : { type: 'reset' as const } };
      return { plan, recorded: NO_ANSWER, answer: answer(kind.type), delayMs: 0 };
    }
    case 'trickle':
      return {
        plan: { ...usual.plan, act: { type: 'trickle', bytesPerSecond: kind.bytes_per_second } },
        recorded: usual.recorded,
        answer: answer('trickle'),
        delayMs: 0,
      };
  }
}
