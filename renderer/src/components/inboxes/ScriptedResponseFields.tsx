import type { ScriptedResponseDraft } from '../../model/inboxes/scripted-response-draft.js';

/** Status, delay, headers and body of the inbox's own answer; off means the built-in 200. */
export function ScriptedResponseFields({
  draft,
  onChange,
}: {
  draft: ScriptedResponseDraft;
  onChange: (patch: Partial<ScriptedResponseDraft>) => void;
}) {
  return (
    <div className="answer-form__fields">
      <label className="answer-form__check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
        Answer with a scripted response
      </label>
      {draft.enabled && (
        <>
          <div className="answer-form__row">
            <label className="answer-form__field">
              <span>Status</span>
              <input
                className="field answer-form__number"
                inputMode="numeric"
                aria-label="Scripted status"
                value={draft.status}
                onChange={(e) => onChange({ status: e.target.value })}
              />
            </label>
            <label className="answer-form__field">
              <span>Delay (ms)</span>
              <input
                className="field answer-form__number"
                inputMode="numeric"
                aria-label="Scripted delay in ms"
                value={draft.delayMs}
                onChange={(e) => onChange({ delayMs: e.target.value })}
              />
            </label>
          </div>
          <label className="answer-form__field">
            <span>Headers, one per line</span>
            <textarea
              className="field answer-form__text mono"
              rows={3}
              spellCheck={false}
              aria-label="Scripted headers"
              placeholder="Content-Type: application/json"
              value={draft.headers}
              onChange={(e) => onChange({ headers: e.target.value })}
            />
          </label>
          <label className="answer-form__field">
            <span>Body{draft.bodyEncoding === 'base64' ? ' (base64)' : ''}</span>
            <textarea
              className="field answer-form__text mono"
              rows={3}
              spellCheck={false}
              aria-label="Scripted body"
              value={draft.body}
              onChange={(e) => onChange({ body: e.target.value })}
            />
          </label>
        </>
      )}
    </div>
  );
}
