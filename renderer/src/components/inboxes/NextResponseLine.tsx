import { nextResponseCue } from '../../model/inboxes/next-response-cue.js';
import { useNextResponse } from '../../model/inboxes/use-next-response.js';

/** "Next response: …" — what the inbox will answer its next request, kept current as requests arrive. */
export function NextResponseLine({ inboxId }: { inboxId: string }) {
  const state = useNextResponse(inboxId);
  const cue = state.status === 'ready' ? nextResponseCue(state.next) : { tone: 'neutral', mark: state.status === 'error' ? '!' : '…' };
  return (
    <p
      className={`next-response next-response--${cue.tone}`}
      data-testid="next-response"
      data-will={state.status === 'ready' ? state.next.will : state.status}
      aria-live="polite"
    >
      <span className="next-response__label">Next response</span>
      <span className="next-response__mark" aria-hidden="true">
        {cue.mark}
      </span>
      <span className="next-response__text">
        {state.status === 'ready' ? state.next.description : state.status === 'error' ? state.message : 'Reading…'}
      </span>
    </p>
  );
}
