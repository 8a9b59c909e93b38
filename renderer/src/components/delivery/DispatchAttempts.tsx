import type { DeliveryAttempt, DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import { failureClassLabel } from '../../model/common/failure-class.js';
import { kindInfo } from '../../model/integrations/integration-kinds.js';
import { formatDuration } from '../../model/delivery/outgoing-outcome.js';
import { formatExactTime } from '../../model/common/relative-time.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { BodyView } from './BodyView.js';
import { HeaderTable } from './HeaderTable.js';
import { SlowAnswerBadge } from '../common/SlowAnswerBadge.js';
import { StatusBadge } from '../common/StatusBadge.js';
import { StatusIcon } from '../common/StatusIcon.js';
import './DispatchAttempts.css';

const OUTCOME: Record<DeliveryAttempt['outcome'], { label: string; shape: 'check' | 'cross' | 'dot' | 'triangle' }> = {
  succeeded: { label: 'Succeeded', shape: 'check' },
  failed: { label: 'Failed', shape: 'cross' },
  sending: { label: 'Sending', shape: 'dot' },
  interrupted: { label: 'Interrupted (not counted)', shape: 'triangle' },
};

function Attempt({ attempt }: { attempt: DeliveryAttempt }) {
  const outcome = OUTCOME[attempt.outcome];
  return (
    <li className={`attempt attempt--${attempt.outcome}`} data-testid="attempt" data-outcome={attempt.outcome}>
      <div className="attempt__line">
        <span className="attempt__number">#{attempt.attempt}</span>
        <span className="attempt__outcome">
          <StatusIcon shape={outcome.shape} size={12} />
          {outcome.label}
        </span>
        {attempt.response && <StatusBadge status={attempt.response.status} />}
        {attempt.error_class && (
          <code className="attempt__class" title={failureClassLabel(attempt.error_class)}>
            {attempt.error_class}
          </code>
        )}
        <span className="attempt__duration">{formatDuration(attempt.duration_ms)}</span>
        <SlowAnswerBadge ms={attempt.duration_ms} />
        <time className="attempt__time" dateTime={attempt.started_at} title={attempt.started_at}>
          {formatExactTime(attempt.started_at)}
        </time>
      </div>
      {attempt.error_message && <p className="attempt__message">{attempt.error_message}</p>}
      {attempt.url && <p className="attempt__url mono">POST {attempt.url}</p>}
      <details className="attempt__more">
        <summary>Request headers · {attempt.request_headers.length}</summary>
        <HeaderTable headers={attempt.request_headers} />
      </details>
      {attempt.response && (
        <details className="attempt__more">
          <summary>
            Response · {attempt.response.status} · {formatByteSize(attempt.response.body.size)}
            {attempt.response.truncated ? ' (cut at 64 KiB)' : ''}
          </summary>
          <HeaderTable headers={attempt.response.headers} />
          <BodyView body={attempt.response.body} testId={`attempt-${attempt.attempt}-body`} label="Response body" inline />
        </details>
      )}
    </li>
  );
}

/** A sent delivery: where it went, where it stands, and every attempt with its timing and failure class. */
export function DispatchAttempts({ record }: { record: DeliveryRecord }) {
  const { integrations } = useWorkbench();
  const integration = integrations.byId(record.integration_id);
  const attempts = record.attempts ?? [];
  return (
    <section className="dispatch" aria-label="Dispatch" data-testid="dispatch">
      <header className="dispatch__header">
        <span className="dispatch__source">Sent by Hookbench</span>
        <h2>{integration ? integration.name : record.integration_id ? 'Integration' : 'Deleted integration'}</h2>
        <span className="dispatch__kind">{integration ? kindInfo(integration.kind).title : ''}</span>
      </header>
      {record.target_url && (
        <p className="dispatch__target">
          <span className="muted">POST</span> <code data-testid="target-url">{record.target_url}</code>
        </p>
      )}
      <h3 className="detail-section-title">Attempts · {attempts.length}</h3>
      {attempts.length === 0 ? (
        <p className="muted">
          {record.dispatch_state === 'skipped' ? 'Not attempted: it was skipped.' : 'No attempt yet: it is waiting its turn.'}
        </p>
      ) : (
        <ol className="dispatch__attempts">
          {[...attempts].reverse().map((attempt) => (
            <Attempt key={attempt.id} attempt={attempt} />
          ))}
        </ol>
      )}
    </section>
  );
}
