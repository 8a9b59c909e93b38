import {
  FAILURE_KINDS,
  FAILURE_MODES,
  describeRule,
  ruleFromDraft,
  type FailureKindType,
  type FailureMode,
  type FailureRuleDraft,
} from '../../model/inboxes/failure-rule-draft.js';
import { SegmentedControl } from '../common/SegmentedControl.js';

type ModeChoice = FailureMode | 'off';

function KindFields({ draft, onChange }: { draft: FailureRuleDraft; onChange: (patch: Partial<FailureRuleDraft>) => void }) {
  return (
    <div className="answer-form__row">
      <div className="answer-form__field">
        <span>Fails by</span>
        <SegmentedControl<FailureKindType>
          label="How it fails"
          value={draft.kind}
          options={FAILURE_KINDS.map(({ type, label }) => ({ value: type, label }))}
          onChange={(kind) => onChange({ kind })}
        />
      </div>
      {draft.kind === 'status' && (
        <label className="answer-form__field">
          <span>Status</span>
          <input
            className="field answer-form__number"
            inputMode="numeric"
            aria-label="Failure status"
            value={draft.status}
            onChange={(e) => onChange({ status: e.target.value })}
          />
        </label>
      )}
      {draft.kind === 'hang' && (
        <label className="answer-form__field">
          <span>Close after (ms)</span>
          <input
            className="field answer-form__number"
            inputMode="numeric"
            placeholder="never"
            aria-label="Hang time in ms"
            value={draft.hangMs}
            onChange={(e) => onChange({ hangMs: e.target.value })}
          />
        </label>
      )}
      {draft.kind === 'trickle' && (
        <label className="answer-form__field">
          <span>Bytes per second</span>
          <input
            className="field answer-form__number"
            inputMode="numeric"
            value={draft.bytesPerSecond}
            onChange={(e) => onChange({ bytesPerSecond: e.target.value })}
          />
        </label>
      )}
    </div>
  );
}

/** Which requests fail (next N, a probability, always, a sequence) and how (status, hang, reset, trickle), with the rule read back as a sentence. */
export function FailureRuleFields({ draft, onChange }: { draft: FailureRuleDraft; onChange: (patch: Partial<FailureRuleDraft>) => void }) {
  const preview = ruleFromDraft(draft);
  return (
    <div className="answer-form__fields">
      <div className="answer-form__field">
        <span>Which requests fail</span>
        <SegmentedControl<ModeChoice>
          label="Which requests fail"
          value={draft.mode ?? 'off'}
          options={[{ value: 'off', label: 'None' }, ...FAILURE_MODES.map(({ mode, label }) => ({ value: mode, label }))]}
          onChange={(mode) => onChange({ mode: mode === 'off' ? null : mode })}
        />
      </div>
      {draft.mode === 'next' && (
        <label className="answer-form__field">
          <span>How many</span>
          <input
            className="field answer-form__number"
            inputMode="numeric"
            aria-label="Number of requests to fail"
            value={draft.count}
            onChange={(e) => onChange({ count: e.target.value })}
          />
        </label>
      )}
      {draft.mode === 'probability' && (
        <label className="answer-form__field">
          <span>Chance (%)</span>
          <input
            className="field answer-form__number"
            inputMode="decimal"
            aria-label="Failure probability in percent"
            value={draft.percent}
            onChange={(e) => onChange({ percent: e.target.value })}
          />
        </label>
      )}
      {draft.mode === 'sequence' ? (
        <div className="answer-form__row">
          <label className="answer-form__field answer-form__field--grow">
            <span>Steps, in order</span>
            <input
              className="field mono"
              aria-label="Failure sequence"
              value={draft.sequence}
              onChange={(e) => onChange({ sequence: e.target.value })}
            />
          </label>
          <label className="answer-form__check">
            <input type="checkbox" checked={draft.repeat} onChange={(e) => onChange({ repeat: e.target.checked })} />
            Repeat
          </label>
        </div>
      ) : (
        draft.mode !== null && <KindFields draft={draft} onChange={onChange} />
      )}
      {draft.mode === 'sequence' && (
        <p className="answer-form__help">
          A status (<code>500</code>), <code>timeout</code> (hang until the sender gives up), <code>hang:1500</code>, <code>reset</code>,{' '}
          <code>trickle:20</code>, or <code>default</code> for the usual answer. Without Repeat, the usual answer follows the last step.
        </p>
      )}
      {draft.mode !== null && (
        <p className={`answer-form__preview ${preview.ok ? '' : 'answer-form__preview--bad'}`} data-testid="failure-preview">
          {preview.ok ? (preview.rule ? describeRule(preview.rule) : '') : preview.error}
        </p>
      )}
    </div>
  );
}
