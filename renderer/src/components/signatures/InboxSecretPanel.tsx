import { useState } from 'react';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import { describeSecret } from '../../model/signatures/secret-trial.js';
import type { SignatureDiagnosis } from '../../model/signatures/signature-diagnosis.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { SecretTrialForm } from './SecretTrialForm.js';
import './InboxSecretPanel.css';

type PasteMistake = 'secret_whitespace' | 'secret_sha256_prefix';

/** The paste mistake the diagnosis blames on the current secret, if any. */
function pasteMistake(diagnosis: SignatureDiagnosis): PasteMistake | null {
  const { cause, steps } = diagnosis;
  return (cause === 'secret_whitespace' || cause === 'secret_sha256_prefix') && steps.matchedSecretIndex === 0 ? cause : null;
}

/** The stored secret with that mistake undone, or null when the stored secret no longer carries it. */
function correctedSecret(secret: string | null, mistake: PasteMistake): string | null {
  if (!secret) return null;
  const trimmed = secret.trim();
  const corrected = mistake === 'secret_whitespace' ? trimmed : trimmed.startsWith('sha256=') ? trimmed.slice(7) : null;
  return corrected && corrected !== secret ? corrected : null;
}

function useAction() {
  const [state, setState] = useState<{ busy: boolean; done: boolean; error: string | null }>({ busy: false, done: false, error: null });
  const run = (action: Promise<unknown>) => {
    setState({ busy: true, done: false, error: null });
    action.then(
      () => setState({ busy: false, done: true, error: null }),
      (failure: unknown) => setState({ busy: false, done: false, error: failure instanceof Error ? failure.message : String(failure) }),
    );
  };
  return { ...state, run };
}

function FixPastedSecret({ inbox, mistake }: { inbox: Inbox; mistake: PasteMistake }) {
  const { inboxes } = useWorkbench();
  const action = useAction();
  const corrected = correctedSecret(inbox.secret, mistake);
  if (!corrected) {
    return (
      <p className="secret-panel__done" role="status" data-testid="secret-fixed">
        {action.done ? 'Saved. ' : 'The stored secret has been corrected since this delivery arrived. '}
        Deliveries received from now on are checked with the corrected secret; this one keeps its verdict.
      </p>
    );
  }
  const problems = describeSecret(inbox.secret ?? '').problems;
  return (
    <>
      <p className="secret-panel__text">
        The secret stored on <strong>{inbox.name}</strong> {problems.join(' and ') || 'carries a paste mistake'}.
      </p>
      <button
        type="button"
        className="button button--primary"
        disabled={action.busy}
        onClick={() => action.run(inboxes.setSecret(inbox.id, corrected, { replaceMistake: true }))}
      >
        {mistake === 'secret_whitespace' ? 'Save it without the whitespace' : 'Save it without "sha256="'}
      </button>
      {action.error && <p className="error-text">{action.error}</p>}
    </>
  );
}

function Rotation({ inbox, diagnosis }: { inbox: Inbox; diagnosis: SignatureDiagnosis }) {
  const { inboxes } = useWorkbench();
  const action = useAction();
  return (
    <div className="secret-panel__rotation" data-testid="secret-rotation">
      <p className="secret-panel__text">
        {diagnosis.cause === 'previous_secret'
          ? 'This delivery was signed with the previous secret: InboundFlow has not switched to the new one yet. End the rotation only after it has.'
          : 'Secret rotation under way: the previous secret is still accepted. End it once InboundFlow signs with the new one.'}
      </p>
      <button
        type="button"
        className="button button--small"
        disabled={action.busy}
        onClick={() => action.run(inboxes.endRotation(inbox.id))}
      >
        End rotation
      </button>
      {action.error && <p className="error-text">{action.error}</p>}
    </div>
  );
}

/**
 * What can be done about the inbox's secret from here: set one when there is none, undo a paste
 * mistake the diagnosis found, try another secret after a mismatch, or end a rotation.
 */
export function InboxSecretPanel({ record, diagnosis, inbox }: { record: DeliveryRecord; diagnosis: SignatureDiagnosis; inbox: Inbox }) {
  if (diagnosis.verdict === 'no_secret') {
    return (
      <section className="secret-panel secret-panel--call" aria-label="Set the signing secret" data-testid="secret-panel">
        <h3 className="secret-panel__title">
          {inbox.secret ? 'A signing secret has been set since this delivery arrived' : 'Set the signing secret to check signatures'}
        </h3>
        <p className="secret-panel__text">
          This delivery is signed, but <strong>{inbox.name}</strong> had no signing secret to check it with. Paste the secret from
          InboundFlow → Settings → Integrations, check it against this delivery, then save it.
        </p>
        <SecretTrialForm record={record} inbox={inbox} purpose={inbox.secret ? 'rotate' : 'set'} />
      </section>
    );
  }

  const mistake = pasteMistake(diagnosis);
  const offerTrial = diagnosis.cause === 'signature_mismatch';
  if (!mistake && !offerTrial && !inbox.previous_secret) return null;
  return (
    <section className="secret-panel" aria-label="Secret actions" data-testid="secret-panel">
      {mistake && <FixPastedSecret inbox={inbox} mistake={mistake} />}
      {offerTrial && (
        <details className="secret-panel__try">
          <summary>Try another secret on this delivery</summary>
          <SecretTrialForm record={record} inbox={inbox} purpose={inbox.secret ? 'rotate' : 'set'} />
        </details>
      )}
      {inbox.previous_secret && <Rotation inbox={inbox} diagnosis={diagnosis} />}
    </section>
  );
}
