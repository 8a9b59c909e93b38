import { useState, type FormEvent } from 'react';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import { HMAC_ALGORITHMS } from '../../../../shared/signatures/algorithms.js';
import { useAction } from '../../model/common/action-runner.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import {
  describeSignatureSettings,
  SCHEME_CHOICES,
  signatureDraft,
  signaturePatch,
  type SignatureDraft,
} from '../../model/inboxes/signature-settings-draft.js';
import { useSignatureSettings } from '../../model/inboxes/use-signature-settings.js';
import './InboxSignatureSettings.css';

/** The fields of a custom HMAC scheme: header, prefix, algorithm, encoding, the signed-string template and where its values come from. */
function CustomSchemeFields({ draft, edit }: { draft: SignatureDraft; edit: (change: Partial<SignatureDraft>) => void }) {
  return (
    <fieldset className="inbox-signature__custom">
      <legend>Custom HMAC</legend>
      <label>
        <span>Signature header</span>
        <input className="field" value={draft.header} onChange={(e) => edit({ header: e.target.value })} />
      </label>
      <label>
        <span>Prefix</span>
        <input className="field" placeholder="e.g. sha256=" value={draft.prefix} onChange={(e) => edit({ prefix: e.target.value })} />
      </label>
      <label>
        <span>Algorithm</span>
        <select
          className="field"
          value={draft.algorithm}
          onChange={(e) => edit({ algorithm: e.target.value as SignatureDraft['algorithm'] })}
        >
          {HMAC_ALGORITHMS.map((algorithm) => (
            <option key={algorithm} value={algorithm}>
              HMAC-{algorithm.toUpperCase().replace('SHA', 'SHA-')}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Encoding</span>
        <select className="field" value={draft.encoding} onChange={(e) => edit({ encoding: e.target.value as SignatureDraft['encoding'] })}>
          <option value="hex">hex</option>
          <option value="base64">base64</option>
        </select>
      </label>
      <label className="inbox-signature__template">
        <span>Signed string</span>
        <input
          className="field"
          placeholder="{timestamp}.{body}"
          value={draft.template}
          onChange={(e) => edit({ template: e.target.value })}
          aria-describedby="signature-template-hint"
        />
      </label>
      <label>
        <span>Timestamp header</span>
        <input
          className="field"
          placeholder="for {timestamp}"
          value={draft.timestampHeader}
          onChange={(e) => edit({ timestampHeader: e.target.value })}
        />
      </label>
      <label>
        <span>Id header</span>
        <input className="field" placeholder="for {id}" value={draft.idHeader} onChange={(e) => edit({ idHeader: e.target.value })} />
      </label>
      <label>
        <span>Secret</span>
        <select
          className="field"
          value={draft.secretEncoding}
          onChange={(e) => edit({ secretEncoding: e.target.value as SignatureDraft['secretEncoding'] })}
        >
          <option value="text">used as text</option>
          <option value="base64">base64-decoded (whsec_…)</option>
        </select>
      </label>
      <p id="signature-template-hint" className="muted inbox-signature__hint">
        Placeholders: {'{body}'} (raw bytes), {'{timestamp}'}, {'{id}'}, {'{url}'} (the public URL), {'{header:Name}'}.
      </p>
    </fieldset>
  );
}

/** How the inbox checks signatures: auto or one scheme, and its secrets (shown as hints; a new one starts a rotation). */
export function InboxSignatureSettings({ inbox }: { inbox: Inbox }) {
  const { signatureSettings } = useWorkbench();
  const [state, saved] = useSignatureSettings(inbox.id);
  const [draft, setDraft] = useState<SignatureDraft | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const action = useAction();
  const error = invalid ?? action.error;
  const edit = (change: Partial<SignatureDraft>) => setDraft((current) => (current ? { ...current, ...change } : current));

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const parsed = signaturePatch(draft);
    if (!parsed.ok) {
      setInvalid(parsed.message);
      return;
    }
    setInvalid(null);
    void action.run(async () => {
      saved(await signatureSettings.update(inbox.id, parsed.patch));
      setDraft(null);
    });
  };

  const endRotation = () =>
    void action.run(async () => {
      saved(await signatureSettings.update(inbox.id, { previous_secret: null }));
    });

  return (
    <section className="inbox-signature" aria-label={`How ${inbox.name} checks signatures`} data-testid="inbox-signature-settings">
      <div className="inbox-signature__head">
        <h3 className="detail-section-title">Signatures</h3>
        {state.status === 'ready' && draft === null && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setInvalid(null);
              action.clearError();
              setDraft(signatureDraft(state.settings));
            }}
          >
            Edit signatures
          </button>
        )}
      </div>
      {state.status === 'loading' && <p className="muted">Reading the signature setting…</p>}
      {state.status === 'error' && (
        <p className="error-text" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <p className="inbox-signature__summary" data-testid="signature-settings-summary" data-scheme={state.settings.scheme}>
            {describeSignatureSettings(state.settings)}
          </p>
          {state.settings.secrets.length > 0 && (
            <ul className="inbox-signature__secrets" aria-label="Secrets">
              {state.settings.secrets.map((secret) => (
                <li key={secret.role} data-testid={`signature-secret-${secret.role}`}>
                  <code>{secret.hint}</code>{' '}
                  <span className="muted">{secret.role === 'current' ? 'current' : 'previous (still verifies)'}</span>
                  {secret.role === 'previous' && (
                    <button type="button" className="button button--small button--ghost" disabled={action.busy} onClick={endRotation}>
                      End rotation
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {draft && (
        <form className="inbox-signature__form" onSubmit={save} data-testid="signature-settings-form">
          <label>
            <span>Scheme</span>
            <select
              className="field"
              value={draft.scheme}
              onChange={(e) => edit({ scheme: e.target.value as SignatureDraft['scheme'] })}
              data-testid="signature-scheme-select"
            >
              {SCHEME_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          {draft.scheme === 'custom' && <CustomSchemeFields draft={draft} edit={edit} />}
          <label>
            <span>New secret</span>
            <input
              className="field"
              type="password"
              autoComplete="off"
              placeholder="leave empty to keep the current one"
              value={draft.newSecret}
              onChange={(e) => edit({ newSecret: e.target.value })}
              data-testid="signature-new-secret"
            />
          </label>
          <div className="inbox-signature__actions">
            <button type="submit" className="button button--small button--primary" disabled={action.busy}>
              Save
            </button>
            <button type="button" className="button button--small" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
          <p className="muted inbox-signature__hint">
            A new secret becomes the current one; the one it replaces keeps verifying until you end the rotation.
          </p>
        </form>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
