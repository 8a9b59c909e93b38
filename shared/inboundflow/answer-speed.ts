import { DELIVERY_TIMEOUT_MS } from './delivery-timeout.js';

/** Above this a handler's answer is flagged: it works, but a busy moment pushes it past InboundFlow's timeout. */
export const SLOW_ANSWER_MS = 2_000;

export type AnswerSpeed = 'quick' | 'slow' | 'too_slow';

export interface AnswerSpeedVerdict {
  speed: AnswerSpeed;
  /** What to tell the developer; null for a quick answer. */
  sentence: string | null;
}

/** "3.2 s" above a second, "850 ms" below. */
export function formatAnswerTime(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** How InboundFlow would see a handler that took `ms` to answer. */
export function answerSpeed(ms: number, timeoutMs: number = DELIVERY_TIMEOUT_MS): AnswerSpeedVerdict {
  if (ms > timeoutMs) {
    return {
      speed: 'too_slow',
      sentence: `Answered in ${formatAnswerTime(ms)}: InboundFlow gives up after ${formatAnswerTime(timeoutMs)} and would have counted this as a failure (timeout).`,
    };
  }
  if (ms > SLOW_ANSWER_MS) {
    return {
      speed: 'slow',
      sentence: `Answered in ${formatAnswerTime(ms)}: InboundFlow times out at ${formatAnswerTime(timeoutMs)}; answer first, work after.`,
    };
  }
  return { speed: 'quick', sentence: null };
}
