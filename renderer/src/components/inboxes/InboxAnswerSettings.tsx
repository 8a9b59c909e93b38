import { useState, type ReactNode } from 'react';
import type { Inbox } from '../../../../shared/api/inboxes.js';
import { describeRule } from '../../model/inboxes/failure-rule-draft.js';
import { describeScripted } from '../../model/inboxes/scripted-response-draft.js';
import { HandlerCheckButton } from '../handler-check/HandlerCheckButton.js';
import { InboxAnswerForm } from './InboxAnswerForm.js';
import { NextResponseLine } from './NextResponseLine.js';
import './InboxAnswerSettings.css';

function Setting({ label, on, children }: { label: string; on: boolean; children: ReactNode }) {
  return (
    <div className={`answer-settings__row ${on ? 'answer-settings__row--on' : ''}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * How an inbox answers: forward-to, a scripted response and failure simulation (applied in the
 * reverse order: a failure first, then forwarding, then the scripted answer), with the next answer spelled out.
 */
export function InboxAnswerSettings({ inbox }: { inbox: Inbox }) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="answer-settings" aria-label={`How ${inbox.name} answers`} data-testid="inbox-answers">
      <div className="answer-settings__head">
        <h3 className="detail-section-title">Answers</h3>
        {!editing && (
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>
            Edit answers
          </button>
        )}
      </div>
      <NextResponseLine inboxId={inbox.id} />
      {editing ? (
        <InboxAnswerForm inbox={inbox} onDone={() => setEditing(false)} />
      ) : (
        <dl className="answer-settings__list">
          <Setting label="Failure simulation" on={inbox.failure !== null}>
            {inbox.failure ? describeRule(inbox.failure) : <span className="muted">Off</span>}
          </Setting>
          <Setting label="Forward to" on={inbox.forward_to !== null}>
            {inbox.forward_to ? (
              <>
                <code>{inbox.forward_to}</code> <span className="muted">· timeout {inbox.forward_timeout_ms.toLocaleString()} ms</span>
                <HandlerCheckButton target={{ inbox: inbox.id }} secretGiven={inbox.secret !== null} />
              </>
            ) : (
              <span className="muted">Off — Hookbench answers itself</span>
            )}
          </Setting>
          <Setting label="Scripted response" on={inbox.response !== null}>
            {inbox.response ? (
              describeScripted(inbox.response)
            ) : (
              <span className="muted">Off — the built-in 200 {'{"ok":true,"id":…}'}</span>
            )}
          </Setting>
        </dl>
      )}
    </section>
  );
}
