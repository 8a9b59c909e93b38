import { schemeLabel } from '../../model/signatures/signature-diagnosis.js';
import { looksLikeJson } from '../../model/delivery/json-pretty.js';
import { LazyJsonCodeEditor } from '../common/code/LazyCode.js';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Body } from '../../../../shared/api/common.js';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import type { ReplayResult } from '../../../../shared/api/replays.js';
import {
  bodyIsEditable,
  initialReplayDraft,
  replayBodyFromDraft,
  type ReplayContext,
  type ReplayDraft,
} from '../../model/delivery/replay-draft.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { ModalDialog } from '../common/ModalDialog.js';
import { ReplayResultPanel } from './ReplayResultPanel.js';
import { REPLAY_MODE_OPTIONS } from './replay-mode-options.js';
import { SegmentedControl } from '../common/SegmentedControl.js';
import './ReplayDialog.css';
import { useAction } from '../../model/common/action-runner.js';

/** The replay's defaults: the inbox's forward target and secret, or an outgoing delivery's own URL and its integration's secret. */
function useReplayContext(record: DeliveryRecord): ReplayContext {
  const { inboxes } = useWorkbench();
  if (record.direction === 'out') return { defaultTarget: record.url ?? record.target_url ?? null, storedSecret: true };
  const inbox = inboxes.byId(record.inbox_id);
  return { defaultTarget: inbox?.forward_to ?? null, storedSecret: Boolean(inbox?.secret) };
}

/**
 * Sends a stored delivery again: to the inbox's forward target or any URL, byte for byte or re-signed,
 * optionally with edited headers or body. The replay is stored as an outgoing delivery, linked here.
 */
export function ReplayDialog({ record, onClose }: { record: DeliveryRecord; onClose: () => void }) {
  const { replays, bodies } = useWorkbench();
  const context = useReplayContext(record);
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<ReplayDraft>(() => initialReplayDraft(record, context));
  // A draft refused before sending, apart from the engine's own refusal.
  const [invalid, setInvalid] = useState<string | null>(null);
  const action = useAction();
  const { busy } = action;
  const error = invalid ?? action.error;
  const [result, setResult] = useState<ReplayResult | null>(null);
  // A deferred (large) body is fetched only when the user asks to edit it.
  const [fetched, setFetched] = useState<Body | null>(null);
  const [bodyLoad, setBodyLoad] = useState<{ status: 'idle' | 'loading' } | { status: 'error'; message: string }>({ status: 'idle' });
  const update = (patch: Partial<ReplayDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setInvalid(null);
    action.clearError();
  };
  const known = record.body.encoding === 'deferred' ? fetched : record.body;

  const setEditBody = (editBody: boolean) => {
    update({ editBody });
    if (!editBody || known || record.body.encoding !== 'deferred') return;
    setBodyLoad({ status: 'loading' });
    bodies.resolve(record.id, 'request', record.body).then(
      (body) => {
        setFetched(body);
        setBodyLoad({ status: 'idle' });
        setDraft((current) =>
          body.encoding === 'utf8' ? { ...current, body: current.body ?? body.data } : { ...current, editBody: false },
        );
      },
      (failed: unknown) => {
        setBodyLoad({ status: 'error', message: failed instanceof Error ? failed.message : String(failed) });
        setDraft((current) => ({ ...current, editBody: false }));
      },
    );
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    const body = replayBodyFromDraft(draft, context);
    if (!body.ok) {
      setInvalid(body.error);
      return;
    }
    setInvalid(null);
    void action.run(async () => setResult(await replays.replay(record.id, body.body)));
  };

  // Unknown until a deferred body is fetched; ticking the box fetches it.
  const editable = known ? bodyIsEditable(known) : true;
  return (
    <ModalDialog dialogRef={dialog} labelledBy={`${ids}-title`} onClose={onClose} testId="replay-dialog">
      <form className="replay-dialog__form" onSubmit={send}>
        <header className="replay-dialog__header">
          <div>
            <h2 id={`${ids}-title`}>Replay this delivery</h2>
            <p className="replay-dialog__request mono">
              <strong>{record.method}</strong> {record.path}
              {record.event && <span className="replay-dialog__event">{record.event}</span>}
            </p>
          </div>
          <button type="button" className="button button--ghost button--small" onClick={() => dialog.current?.close()} aria-label="Close">
            ✕
          </button>
        </header>

        <div className="replay-dialog__grid">
          <span className="replay-dialog__label">Send to</span>
          <div className="replay-dialog__control" role="radiogroup" aria-label="Send to">
            <label className={`replay-dialog__target ${context.defaultTarget ? '' : 'replay-dialog__target--off'}`}>
              <input
                type="radio"
                name={`${ids}-target`}
                checked={draft.target === 'default'}
                disabled={!context.defaultTarget}
                onChange={() => update({ target: 'default' })}
              />
              <span>
                {record.direction === 'in' ? "The inbox's forward target" : 'Its original URL'}
                <code className="replay-dialog__url">{context.defaultTarget ?? 'none — this inbox does not forward'}</code>
              </span>
            </label>
            <label className="replay-dialog__target">
              <input
                type="radio"
                name={`${ids}-target`}
                checked={draft.target === 'custom'}
                onChange={() => update({ target: 'custom' })}
              />
              <span>Another URL</span>
            </label>
            {draft.target === 'custom' && (
              <input
                className="field mono"
                aria-label="Replay target URL"
                placeholder="http://localhost:3000/webhooks"
                autoFocus
                value={draft.customUrl}
                onChange={(e) => update({ customUrl: e.target.value })}
              />
            )}
            {record.direction === 'in' && (
              <p className="replay-dialog__help">The path after /i/&lt;slug&gt; and the query are appended, as forwarding does.</p>
            )}
          </div>

          <span className="replay-dialog__label">Mode</span>
          <div className="replay-dialog__control">
            <SegmentedControl<ReplayDraft['mode']>
              label="Replay mode"
              value={draft.mode}
              options={REPLAY_MODE_OPTIONS}
              onChange={(mode) => update({ mode })}
            />
            <p className="replay-dialog__help">
              {draft.mode === 'exact'
                ? 'The original method, headers and bytes. A signature older than the handler’s tolerance will fail again.'
                : record.signature && record.signature.scheme !== 'inboundflow'
                  ? `Signed again as ${schemeLabel(record.signature.scheme)} would sign the body sent, with a new timestamp; its ids stay, so deduplication still works.`
                  : 'A new X-InboundFlow-Timestamp and signature over the body sent; the delivery id stays, so deduplication still works.'}
            </p>
          </div>

          {draft.mode === 'resign' && (
            <>
              <span className="replay-dialog__label">Secret</span>
              <div className="replay-dialog__control">
                <SegmentedControl<ReplayDraft['secretSource']>
                  label="Secret to sign with"
                  value={context.storedSecret ? draft.secretSource : 'typed'}
                  disabled={!context.storedSecret}
                  options={[
                    { value: 'stored', label: record.direction === 'in' ? "The inbox's secret" : "The integration's secret" },
                    { value: 'typed', label: 'Type one' },
                  ]}
                  onChange={(secretSource) => update({ secretSource })}
                />
                {(draft.secretSource === 'typed' || !context.storedSecret) && (
                  <input
                    className="field mono"
                    aria-label="Signing secret"
                    placeholder="whsec_…"
                    value={draft.secret}
                    onChange={(e) => update({ secret: e.target.value })}
                  />
                )}
              </div>
            </>
          )}

          <span className="replay-dialog__label">Edits</span>
          <div className="replay-dialog__control">
            <label className="replay-dialog__check">
              <input type="checkbox" checked={draft.editHeaders} onChange={(e) => update({ editHeaders: e.target.checked })} />
              Edit headers
            </label>
            {draft.editHeaders && (
              <textarea
                className="field replay-dialog__text mono"
                rows={6}
                spellCheck={false}
                aria-label="Replay headers"
                value={draft.headers}
                onChange={(e) => update({ headers: e.target.value })}
              />
            )}
            <label className="replay-dialog__check">
              <input type="checkbox" checked={draft.editBody} disabled={!editable} onChange={(e) => setEditBody(e.target.checked)} />
              Edit body{editable ? '' : ' (binary bodies are replayed as stored)'}
            </label>
            {bodyLoad.status === 'loading' && (
              <p className="replay-dialog__help" role="status">
                Loading the body ({formatByteSize(record.body.size)})…
              </p>
            )}
            {bodyLoad.status === 'error' && (
              <p className="replay-dialog__error" role="alert">
                Could not load the body to edit: {bodyLoad.message} Tick “Edit body” again to retry.
              </p>
            )}
            {draft.editBody && draft.body !== null && (
              <div className="replay-dialog__body-editor">
                <LazyJsonCodeEditor
                  value={draft.body}
                  onChange={(body) => update({ body })}
                  label="Replay body"
                  asJson={looksLikeJson(draft.body)}
                  testId="replay-body-editor"
                />
              </div>
            )}
            {(draft.editHeaders || draft.editBody) && draft.mode === 'resign' && (
              <p className="replay-dialog__help">Edits are applied before signing, so the edited request verifies.</p>
            )}
          </div>
        </div>

        {error && (
          <p className="replay-dialog__error" role="alert">
            {error}
          </p>
        )}
        {result && <ReplayResultPanel result={result} onOpened={() => dialog.current?.close()} />}

        <footer className="replay-dialog__footer">
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {result ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="replay-send">
            {busy ? 'Sending…' : result ? 'Send again' : 'Send replay'}
          </button>
        </footer>
      </form>
    </ModalDialog>
  );
}
