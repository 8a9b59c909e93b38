import { answerSpeed, formatAnswerTime } from '../../../../shared/inboundflow/answer-speed.js';
import { DELIVERY_TIMEOUT_MS } from '../../../../shared/inboundflow/delivery-timeout.js';
import './SlowAnswerBadge.css';

/**
 * A handler's answer time measured by Hookbench, flagged when InboundFlow would mind: above 2 s a
 * warning with the time, past 10 s the note that InboundFlow would have counted it as a failure.
 */
export function SlowAnswerBadge({ ms, withSentence = false }: { ms: number | null | undefined; withSentence?: boolean }) {
  if (ms === null || ms === undefined) return null;
  const { speed, sentence } = answerSpeed(ms);
  if (speed === 'quick') return null;
  const label = speed === 'slow' ? `Slow · ${formatAnswerTime(ms)}` : `Over ${DELIVERY_TIMEOUT_MS / 1_000} s · ${formatAnswerTime(ms)}`;
  return (
    <span className={`slow-answer slow-answer--${speed}`} data-testid="slow-answer" data-speed={speed} title={sentence ?? undefined}>
      <span className="slow-answer__badge">{label}</span>
      {withSentence && <span className="slow-answer__sentence">{sentence}</span>}
    </span>
  );
}
