import type { DataCheck, TextSpot } from '../../model/integrations/event-data-check.js';
import { StatusIcon } from '../common/StatusIcon.js';
import './DataCheckReport.css';

/** The composer's live verdict: ready to send, or every problem by field path, each one a jump to its line. */
export function DataCheckReport({ check, event, onJump }: { check: DataCheck; event: string; onJump: (spot: TextSpot) => void }) {
  if (check.kind === 'valid') {
    return (
      <p className="data-check data-check--valid" data-testid="data-check" data-valid="true">
        <StatusIcon shape="check" size={13} />
        Matches the documented {event} schema.
      </p>
    );
  }
  if (check.kind === 'syntax') {
    return (
      <div className="data-check data-check--invalid" data-testid="data-check" data-valid="false">
        <StatusIcon shape="cross" size={13} />
        <span>
          Not valid JSON: {check.message}{' '}
          <span className="muted">
            (line {check.spot.line}, column {check.spot.column})
          </span>
        </span>
        <button type="button" className="button button--small button--ghost" onClick={() => onJump(check.spot)}>
          Go to line {check.spot.line}
        </button>
      </div>
    );
  }
  if (check.kind === 'not_object') {
    return (
      <p className="data-check data-check--invalid" data-testid="data-check" data-valid="false">
        <StatusIcon shape="cross" size={13} />
        {check.message}
      </p>
    );
  }
  const count = check.problems.length;
  return (
    <div className="data-check data-check--invalid data-check--table" data-testid="data-check" data-valid="false">
      <p className="data-check__head">
        <StatusIcon shape="cross" size={13} />
        {count} {count === 1 ? 'problem' : 'problems'} with the documented {event} schema; InboundFlow would never send this.
      </p>
      <table className="data-check__errors">
        <tbody>
          {check.problems.map((problem, index) => (
            <tr key={`${problem.path}:${index}`} data-testid="data-error" data-path={problem.path}>
              <td>
                <code>{problem.path || 'data'}</code>
              </td>
              <td>{problem.message}</td>
              <td className="data-check__where">
                {problem.spot && (
                  <button type="button" className="button button--small button--ghost" onClick={() => onJump(problem.spot!)}>
                    line {problem.spot.line}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
