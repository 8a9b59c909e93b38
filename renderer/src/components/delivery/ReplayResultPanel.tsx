import type { ReplayResult } from '../../../../shared/api/replays.js';
import { DeliveryLink } from '../common/DeliveryLink.js';
import { SlowAnswerBadge } from '../common/SlowAnswerBadge.js';
import { StatusBadge } from '../common/StatusBadge.js';

const PREVIEW_CHARS = 400;

/** What the target said to a replay, and the outgoing delivery it was stored as. */
export function ReplayResultPanel({ result, onOpened }: { result: ReplayResult; onOpened: () => void }) {
  const ok = result.outcome === 'sent' && result.status !== null && result.status >= 200 && result.status < 300;
  const body = result.response?.body;
  const preview = body && body.encoding === 'utf8' ? body.data.slice(0, PREVIEW_CHARS) : null;
  return (
    <section
      className={`replay-result ${ok ? 'replay-result--ok' : 'replay-result--bad'}`}
      role="status"
      data-testid="replay-result"
      data-outcome={result.outcome}
      data-status={result.status ?? ''}
    >
      <div className="replay-result__line">
        {result.status !== null && <StatusBadge status={result.status} long />}
        <span>
          {result.outcome === 'sent'
            ? `The target answered in ${result.duration_ms.toLocaleString()} ms.`
            : result.outcome === 'timeout'
              ? `No answer within the timeout (${result.duration_ms.toLocaleString()} ms).`
              : `Could not reach the target: ${result.error?.message ?? result.error?.code ?? 'unknown error'}`}
        </span>
      </div>
      {result.outcome === 'sent' && <SlowAnswerBadge ms={result.duration_ms} withSentence />}
      <p className="replay-result__line replay-result__url mono">{result.url}</p>
      {preview !== null && preview !== '' && (
        <pre className="replay-result__body">
          {preview}
          {body && body.data.length > PREVIEW_CHARS ? '…' : ''}
        </pre>
      )}
      <div className="replay-result__line">
        <span className="muted">Stored as outgoing delivery</span>
        <DeliveryLink id={result.id} testId="replay-open" onOpened={onOpened} />
      </div>
    </section>
  );
}
