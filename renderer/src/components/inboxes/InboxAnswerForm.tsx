import { useId, useState, type FormEvent } from 'react';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import { draftFromRule, ruleFromDraft, type FailureRuleDraft } from '../../model/inboxes/failure-rule-draft.js';
import { draftFromInbox, forwardFromDraft, type ForwardDraft } from '../../model/inboxes/forward-settings.js';
import { draftFromResponse, responseFromDraft, type ScriptedResponseDraft } from '../../model/inboxes/scripted-response-draft.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { FailureRuleFields } from './FailureRuleFields.js';
import { ScriptedResponseFields } from './ScriptedResponseFields.js';
import { useAction } from '../../model/common/action-runner.js';

/** Edits the three answer settings together and saves them in one PATCH (which restarts a failure rule's count). */
export function InboxAnswerForm({ inbox, onDone }: { inbox: Inbox; onDone: () => void }) {
  const { inboxes } = useWorkbench();
  const ids = useId();
  const [forward, setForward] = useState<ForwardDraft>(() => draftFromInbox(inbox));
  const [scripted, setScripted] = useState<ScriptedResponseDraft>(() => draftFromResponse(inbox.response));
  const [failure, setFailure] = useState<FailureRuleDraft>(() => draftFromRule(inbox.failure));
  // A draft refused before saving, apart from the engine's own refusal.
  const [invalid, setInvalid] = useState<string | null>(null);
  const action = useAction();
  const { busy } = action;
  const error = invalid ?? action.error;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const forwarded = forwardFromDraft(forward);
    const response = responseFromDraft(scripted);
    const rule = ruleFromDraft(failure);
    if (!forwarded.ok || !response.ok || !rule.ok) {
      setInvalid(
        !forwarded.ok
          ? `Forward to: ${forwarded.error}`
          : !response.ok
            ? `Scripted response: ${response.error}`
            : !rule.ok
              ? `Failure simulation: ${rule.error}`
              : null,
      );
      return;
    }
    setInvalid(null);
    void action.run(async () => {
      await inboxes.configureAnswers(inbox.id, {
        forward_to: forwarded.forward_to,
        forward_timeout_ms: forwarded.forward_timeout_ms,
        response: response.response,
        failure: rule.rule,
      });
      onDone();
    });
  };

  return (
    <form className="answer-form" onSubmit={save} aria-label={`Answers of ${inbox.name}`}>
      <fieldset className="answer-form__group">
        <legend>Failure simulation</legend>
        <p className="answer-form__help">Checked first: a request it fails is stored, then failed, and never forwarded.</p>
        <FailureRuleFields draft={failure} onChange={(patch) => setFailure((current) => ({ ...current, ...patch }))} />
      </fieldset>

      <fieldset className="answer-form__group">
        <legend>Forward to</legend>
        <p className="answer-form__help">
          Every delivery is stored, then passed to your handler; the sender gets its answer. Leave empty to stop forwarding.
        </p>
        <div className="answer-form__row">
          <label className="answer-form__field answer-form__field--grow">
            <span>Handler URL</span>
            <input
              className="field mono"
              placeholder="http://localhost:3000/webhooks"
              value={forward.url}
              onChange={(e) => setForward({ ...forward, url: e.target.value })}
              aria-describedby={`${ids}-forward`}
            />
          </label>
          <label className="answer-form__field">
            <span>Timeout (ms)</span>
            <input
              className="field answer-form__number"
              inputMode="numeric"
              value={forward.timeoutMs}
              onChange={(e) => setForward({ ...forward, timeoutMs: e.target.value })}
            />
          </label>
        </div>
        <p className="answer-form__help" id={`${ids}-forward`}>
          A slower handler gets the sender a 504; keep it under InboundFlow&apos;s 10 s.
        </p>
      </fieldset>

      <fieldset className="answer-form__group">
        <legend>Scripted response</legend>
        <p className="answer-form__help">What the inbox answers when it neither fails nor forwards.</p>
        <ScriptedResponseFields draft={scripted} onChange={(patch) => setScripted((current) => ({ ...current, ...patch }))} />
      </fieldset>

      {error && (
        <p className="answer-form__error" role="alert">
          {error}
        </p>
      )}
      <div className="answer-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save answers'}
        </button>
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <span className="muted answer-form__note">Saving restarts a failure rule from its first step.</span>
      </div>
    </form>
  );
}
