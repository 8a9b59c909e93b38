import { useState } from 'react';
import type { CheckRequest, Scorecard } from '../../../../shared/handler-check/scorecard.js';
import { useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { runningText } from '../../model/handler-check/scorecard-view.js';
import { ScorecardView } from './ScorecardView.js';
import './HandlerCheckButton.css';

/**
 * "Check this handler": runs the handler check against an integration or an inbox's forward-to
 * target, with its own secret, and shows the scorecard below.
 */
export function HandlerCheckButton({ target, secretGiven }: { target: Omit<CheckRequest, 'url' | 'secret'>; secretGiven: boolean }) {
  const { checks } = useWorkbench();
  const { busy, error, run } = useAction();
  const [card, setCard] = useState<Scorecard | null>(null);
  const start = () => {
    setCard(null);
    void run(() => checks.run(target)).then((result) => result && setCard(result));
  };
  return (
    <div className="handler-check" data-testid="handler-check">
      <div className="handler-check__bar">
        <button type="button" className="button button--small" onClick={start} disabled={busy} data-testid="check-handler">
          {busy ? 'Checking…' : 'Check this handler'}
        </button>
        {busy && <span className="muted">{runningText(secretGiven)}</span>}
        {card && !busy && (
          <button type="button" className="button button--small button--ghost" onClick={() => setCard(null)}>
            Hide scorecard
          </button>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {card && <ScorecardView card={card} />}
    </div>
  );
}
