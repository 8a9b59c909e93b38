import type { z } from 'zod';
import type { Body } from '../../../../shared/api/common.js';
import type { DeliveryRecord } from '../../../../shared/api/deliveries.js';
import { ForwardTo } from '../../../../shared/api/inboxes.js';
import type { ReplayRequest } from '../../../../shared/api/replays.js';
import { headersText } from './header-list.js';
import { parseHeaderLines } from './header-lines.js';

/** The replay dialog's fields, as chosen and typed. */
export interface ReplayDraft {
  target: 'default' | 'custom';
  customUrl: string;
  mode: 'exact' | 'resign';
  secretSource: 'stored' | 'typed';
  secret: string;
  editHeaders: boolean;
  headers: string;
  editBody: boolean;
  /** The body as text to edit; null until a deferred (large) body has been fetched. */
  body: string | null;
}

/** What the dialog knows about where the delivery came from. */
export interface ReplayContext {
  /** The inbox's forward_to (incoming) or the original URL (outgoing); null when there is none. */
  defaultTarget: string | null;
  /** Whether a secret is stored to re-sign with (the inbox's, or the integration's). */
  storedSecret: boolean;
}

export type ReplayBody = NonNullable<z.input<typeof ReplayRequest>>;
export type ReplayDraftResult = { ok: true; body: ReplayBody } | { ok: false; error: string };

export function initialReplayDraft(record: DeliveryRecord, context: ReplayContext): ReplayDraft {
  return {
    target: context.defaultTarget ? 'default' : 'custom',
    customUrl: '',
    mode: 'exact',
    secretSource: context.storedSecret ? 'stored' : 'typed',
    secret: '',
    editHeaders: false,
    headers: headersText(record.headers),
    editBody: false,
    body: record.body.encoding === 'deferred' ? null : record.body.encoding === 'utf8' ? record.body.data : '',
  };
}

/** Whether the body can be edited as text; binary bodies are replayed as stored. A deferred body is known once fetched. */
export function bodyIsEditable(body: Body): boolean {
  return body.encoding === 'utf8';
}

/** The request body for POST /api/deliveries/:id/replay, or the first thing to fix. */
export function replayBodyFromDraft(draft: ReplayDraft, context: ReplayContext): ReplayDraftResult {
  const body: ReplayBody = { mode: draft.mode };
  if (draft.target === 'custom') {
    const url = draft.customUrl.trim();
    if (!url) return { ok: false, error: 'Enter the URL to send the replay to, e.g. http://localhost:3000/webhooks.' };
    const checked = ForwardTo.safeParse(url);
    if (!checked.success) return { ok: false, error: checked.error.issues[0]?.message ?? 'The URL is not valid.' };
    body.target = checked.data;
  } else if (!context.defaultTarget) {
    return { ok: false, error: 'This delivery has no default target (its inbox does not forward anywhere); enter a URL.' };
  }
  if (draft.mode === 'resign') {
    if (draft.secretSource === 'typed' || !context.storedSecret) {
      if (!draft.secret) return { ok: false, error: 'Enter the secret to re-sign with (no secret is stored for this delivery).' };
      body.secret = draft.secret;
    }
  }
  const edits: NonNullable<ReplayBody['edits']> = {};
  if (draft.editHeaders) {
    const headers = parseHeaderLines(draft.headers);
    if (!headers.ok) return { ok: false, error: `Headers: ${headers.error}` };
    edits.headers = headers.headers;
  }
  if (draft.editBody) {
    if (draft.body === null) return { ok: false, error: 'The body is still loading; send once it shows, or untick "Edit body".' };
    edits.body = draft.body;
  }
  if (edits.headers || edits.body !== undefined) body.edits = edits;
  return { ok: true, body };
}
