import { useState, type FormEvent } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import { bodyBytes } from '../../model/delivery/body-bytes.js';
import { describeSecret, trySecret, type SecretTrial } from '../../model/signatures/secret-trial.js';
import type { StatusShape } from '../../model/common/status-class.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { StatusIcon } from '../common/StatusIcon.js';
import { errorText, useAction } from '../../model/common/action-runner.js';

const TRIAL_SHAPES: Record<SecretTrial['kind'], StatusShape> = {
  match: 'check',
  match_corrected: 'check',
  no_match: 'cross',
  cannot_check: 'ring',
};

interface SecretTrialFormProps {
  record: DeliveryRecord;
  inbox: Inbox;
  /** `set` when the inbox has no secret; `rotate` keeps the current one accepted as the previous secret. */
  purpose: 'set' | 'rotate';
}

function TrialResult({ trial }: { trial: SecretTrial }) {
  switch (trial.kind) {
    case 'match':
      return <>This is the secret that signed this delivery. Save it to check deliveries from now on.</>;
    case 'match_corrected':
      return (
        <>
          It matches once {trial.mistake === 'whitespace' ? 'the spaces or line break around it are' : 'the "sha256=" in front is'} removed.
          Saving stores it without them.
        </>
      );
    case 'no_match':
      return <>This secret does not produce the received signature. Copy the secret of the integration that sent this delivery.</>;
    case 'cannot_check':
      return <>{trial.reason}</>;
  }
}

/**
 * Paste a secret, check it against this delivery right here (nothing is sent or stored), then save
 * it to the inbox. Verdicts are worked out when a delivery arrives, so a saved secret applies to later ones.
 */
export function SecretTrialForm({ record, inbox, purpose }: SecretTrialFormProps) {
  const { inboxes, bodies } = useWorkbench();
  const [value, setValue] = useState('');
  const [visible, setVisible] = useState(false);
  const [trial, setTrial] = useState<SecretTrial | null>(null);
  const [saved, setSaved] = useState<Inbox | null>(null);
  // Checking and saving take turns: one runner, so neither starts while the other runs.
  const { busy, error, run } = useAction();

  const toSave = trial?.kind === 'match_corrected' ? trial.secret : value;
  const pasteProblems = trial?.kind === 'match_corrected' ? [] : describeSecret(value).problems;

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (!value) return;
    // The signature covers the exact body bytes: a deferred body is fetched first. A failure is the trial's answer, not an error.
    void run(async () => {
      try {
        const body = await bodies.resolve(record.id, 'request', record.body);
        setTrial(await trySecret({ body: bodyBytes(body), headers: record.headers, secret: value }));
      } catch (failure) {
        setTrial({ kind: 'cannot_check', reason: errorText(failure) });
      }
    });
  };

  const save = () => {
    void run(async () => setSaved(await inboxes.setSecret(inbox.id, toSave)));
  };

  if (saved) {
    return (
      <p className="secret-form__saved" role="status" data-testid="secret-saved">
        Saved to <strong>{saved.name}</strong>. Deliveries received from now on are checked with it
        {saved.previous_secret ? ', and the old secret stays accepted until you end the rotation' : ''}. This delivery keeps its verdict:
        verdicts are worked out when a delivery arrives.
      </p>
    );
  }

  return (
    <form className="secret-form" onSubmit={check} aria-label="Try a signing secret" data-testid="secret-form">
      <div className="secret-form__row">
        <input
          className="field mono secret-form__input"
          type={visible ? 'text' : 'password'}
          aria-label="Signing secret"
          placeholder="Paste the signing secret"
          autoComplete="off"
          spellCheck={false}
          maxLength={512}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setTrial(null);
          }}
        />
        <button type="button" className="button button--small button--ghost" aria-pressed={visible} onClick={() => setVisible(!visible)}>
          {visible ? 'Hide' : 'Show'}
        </button>
      </div>
      <div className="secret-form__row">
        <button type="submit" className="button" disabled={busy || !value}>
          Check against this delivery
        </button>
        <button type="button" className="button button--primary" disabled={busy || !toSave.trim()} onClick={save}>
          {purpose === 'set' ? 'Save as inbox secret' : 'Save as new secret'}
        </button>
      </div>
      {trial && (
        <p
          className={`secret-form__trial secret-form__trial--${trial.kind}`}
          role="status"
          data-testid="secret-trial"
          data-outcome={trial.kind}
        >
          <StatusIcon shape={TRIAL_SHAPES[trial.kind]} size={13} />
          <span>
            <TrialResult trial={trial} />
          </span>
        </p>
      )}
      {pasteProblems.length > 0 && <p className="secret-form__warning">What you pasted {pasteProblems.join(' and ')}.</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <p className="secret-form__note">The check runs in this window; nothing is sent or stored until you save.</p>
    </form>
  );
}
