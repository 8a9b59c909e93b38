import type { Scorecard } from '../../../../shared/handler-check/scorecard.js';
import { answerText, scorecardHeadline, VERDICT_LABEL } from '../../model/handler-check/scorecard-view.js';
import { DeliveryLink } from '../common/DeliveryLink.js';
import './ScorecardView.css';

/** The handler check's result: one row per check (verdict, what happened, the fix), each linked to the delivery it sent. */
export function ScorecardView({ card }: { card: Scorecard }) {
  return (
    <section className="scorecard" aria-label="Handler check scorecard" data-testid="scorecard" data-ok={card.ok}>
      <p className={`scorecard__headline scorecard__headline--${card.ok ? 'ok' : 'failed'}`} role="status">
        {scorecardHeadline(card)}
      </p>
      <ol className="scorecard__checks">
        {card.checks.map((check) => {
          const answer = answerText(check);
          return (
            <li
              key={check.id}
              className="scorecard__check"
              data-testid="scorecard-check"
              data-check-id={check.id}
              data-verdict={check.verdict}
            >
              <span className={`scorecard__verdict scorecard__verdict--${check.verdict}`}>{VERDICT_LABEL[check.verdict]}</span>
              <div className="scorecard__body">
                <div className="scorecard__title-line">
                  <strong>{check.title}</strong>
                  {answer && <span className="scorecard__answer mono">{answer}</span>}
                  {check.delivery?.record_id && (
                    <DeliveryLink id={check.delivery.record_id}>
                      <span className="scorecard__open">Open delivery →</span>
                    </DeliveryLink>
                  )}
                </div>
                <p className="scorecard__sentence">{check.sentence}</p>
                {check.fix && check.verdict !== 'pass' && <p className="scorecard__fix">Fix: {check.fix}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
