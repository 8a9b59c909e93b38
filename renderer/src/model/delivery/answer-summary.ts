import type { DeliveryAnswer } from '../../../../shared/api/responses.js';
import { describeKind } from '../inboxes/failure-rule-draft.js';

export type AnswerTone = 'ok' | 'warn' | 'fail' | 'pending' | 'neutral';

/** How a delivery was answered (or how its replay went), ready to show. */
export interface AnswerSummary {
  tone: AnswerTone;
  title: string;
  target: string | null;
  status: number | null;
  durationMs: number | null;
  error: { code: string; message: string } | null;
  notes: string[];
}

function toneOfStatus(status: number | null): AnswerTone {
  if (status === null || status === 0) return 'fail';
  return status >= 200 && status < 300 ? 'ok' : 'warn';
}

/** `status` is what the record's response holds: the handler's answer for a forward, the target's for a replay. */
export function summarizeAnswer(answer: DeliveryAnswer, status: number | null): AnswerSummary {
  const base = {
    target: answer.target ?? null,
    status: status && status > 0 ? status : null,
    durationMs: answer.duration_ms ?? null,
    error: answer.error ?? null,
    notes: [] as string[],
  };
  switch (answer.source) {
    case 'forward':
      if (answer.outcome === 'pending') return { ...base, tone: 'pending', title: 'Forwarding to your handler…' };
      if (answer.outcome === 'timeout') return { ...base, tone: 'fail', title: 'Forward timed out — the sender got 504' };
      if (answer.outcome === 'failed') return { ...base, tone: 'fail', title: 'Forward failed — the sender got 502' };
      return { ...base, tone: toneOfStatus(status), title: `Forwarded — your handler answered ${status ?? '?'}` };
    case 'replay': {
      const how = `${answer.mode === 'resign' ? 're-signed' : 'exact'}${answer.edited ? ', edited' : ''}`;
      const notes = answer.job ? [`Part of bulk replay ${answer.job}`] : [];
      if (answer.outcome === 'timeout') return { ...base, notes, tone: 'fail', title: `Replay (${how}) timed out` };
      if (answer.outcome === 'failed') return { ...base, notes, tone: 'fail', title: `Replay (${how}) could not reach the target` };
      return { ...base, notes, tone: toneOfStatus(status), title: `Replay (${how}) — the target answered ${status ?? '?'}` };
    }
    case 'failure': {
      const what = answer.failure ? describeKind(answer.failure) : answer.outcome;
      return { ...base, tone: 'fail', title: `Simulated failure: ${what}` };
    }
    case 'scripted':
      return {
        ...base,
        tone: 'neutral',
        title: `Scripted response ${status ?? ''}`.trim(),
        notes: answer.delay_ms ? [`Answered after a ${answer.delay_ms.toLocaleString()} ms delay`] : [],
      };
    case 'default':
      return { ...base, tone: 'neutral', title: 'Built-in answer 200 {"ok":true}' };
    case 'relay_queue':
      return {
        ...base,
        tone: 'neutral',
        title: `Queued by the relay while you were away${status ? ` — it answered the sender ${status}` : ''}`,
        notes: ['Your inbox’s answer, forward-to and failure simulation did not apply: the sender had its answer already.'],
      };
  }
}
