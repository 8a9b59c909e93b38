import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { summarizeAnswer } from '../../model/delivery/answer-summary.js';
import { DeliveryLink } from '../common/DeliveryLink.js';
import { SlowAnswerBadge } from '../common/SlowAnswerBadge.js';
import { StatusBadge } from '../common/StatusBadge.js';
import './DeliveryAnswerCard.css';

/**
 * How this delivery was answered — forwarded to your handler (target, status, time, error), a scripted
 * response or a simulated failure — or, for a replay, where it went and what came back.
 */
export function DeliveryAnswerCard({ record }: { record: DeliveryRecord }) {
  const answer = record.answer;
  // The built-in 200 says nothing the Response tab does not.
  if (!answer || answer.source === 'default') return null;
  const summary = summarizeAnswer(answer, record.response?.status ?? record.response_status);
  return (
    <section
      className={`answer-card answer-card--${summary.tone}`}
      aria-label="How it was answered"
      data-testid="answer-card"
      data-source={answer.source}
      data-outcome={answer.outcome}
    >
      <div className="answer-card__title">
        {summary.status !== null && <StatusBadge status={summary.status} />}
        <strong>{summary.title}</strong>
        {summary.durationMs !== null && <span className="answer-card__time">{summary.durationMs.toLocaleString()} ms</span>}
      </div>
      {(answer.source === 'forward' || answer.source === 'replay') && <SlowAnswerBadge ms={summary.durationMs} withSentence />}
      {summary.target && (
        <p className="answer-card__line">
          <span className="answer-card__label">{answer.source === 'replay' ? 'Sent to' : 'Target'}</span>
          <code>{summary.target}</code>
        </p>
      )}
      {summary.error && (
        <p className="answer-card__line answer-card__error">
          <span className="answer-card__label">{summary.error.code}</span>
          <span>{summary.error.message}</span>
        </p>
      )}
      {record.replay_of && (
        <p className="answer-card__line">
          <span className="answer-card__label">Replay of</span>
          <DeliveryLink id={record.replay_of} testId="replay-original" />
        </p>
      )}
      {summary.notes.map((note) => (
        <p key={note} className="answer-card__line muted">
          {note}
        </p>
      ))}
    </section>
  );
}
