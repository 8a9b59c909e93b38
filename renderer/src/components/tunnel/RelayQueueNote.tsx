import type { RelayQueueCounts } from '../../../../shared/api/tunnel-routes.js';
import { relayQueueLines } from '../../model/tunnel/relay-queue-view.js';

/** What the relay kept while the app was away (relays with --queue): what arrived, what is still coming, what was lost. */
export function RelayQueueNote({ counts }: { counts: RelayQueueCounts | null | undefined }) {
  const lines = relayQueueLines(counts);
  if (lines.length === 0) return null;
  return (
    <div className="relay-queue-note" data-testid="relay-queue-note" role="status">
      {lines.map((line) => (
        <p key={line.text} className={`relay-queue-note__line${line.tone === 'warn' ? ' tunnel-tone--warning' : ''}`} data-tone={line.tone}>
          {line.text}
        </p>
      ))}
    </div>
  );
}
