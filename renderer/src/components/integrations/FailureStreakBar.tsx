import type { Integration } from '../../../../shared/api/integrations.js';
import { failureStreak } from '../../model/integrations/failure-streak.js';
import './FailureStreakBar.css';

/** Ten segments that fill with each failure in a row and empty on a success; the tenth disables the integration. */
export function FailureStreakBar({ integration }: { integration: Integration }) {
  const streak = failureStreak(integration);
  return (
    <div className={`streak streak--${streak.level}`} data-testid="failure-streak" data-failures={streak.failures}>
      <div
        className="streak__bar"
        role="meter"
        aria-label="Consecutive failures"
        aria-valuemin={0}
        aria-valuemax={streak.threshold}
        aria-valuenow={streak.filled}
        aria-valuetext={streak.label}
      >
        {Array.from({ length: streak.threshold }, (_, index) => (
          <span key={index} className={`streak__segment ${index < streak.filled ? 'streak__segment--on' : ''}`} />
        ))}
      </div>
      <p className="streak__caption">
        <span className="streak__label">{streak.label}</span>
        <span className="streak__outlook">{streak.outlook}</span>
      </p>
    </div>
  );
}
