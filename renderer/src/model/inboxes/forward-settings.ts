import { DEFAULT_FORWARD_TIMEOUT_MS, ForwardTo, type Inbox } from '../../../../shared/api/inboxes.js';

export interface ForwardDraft {
  url: string;
  timeoutMs: string;
}

export type ForwardResult = { ok: true; forward_to: string | null; forward_timeout_ms: number } | { ok: false; error: string };

export function draftFromInbox(inbox: Pick<Inbox, 'forward_to' | 'forward_timeout_ms'>): ForwardDraft {
  return { url: inbox.forward_to ?? '', timeoutMs: String(inbox.forward_timeout_ms || DEFAULT_FORWARD_TIMEOUT_MS) };
}

/** The forward-to fields to PATCH: an empty URL stops forwarding. */
export function forwardFromDraft(draft: ForwardDraft): ForwardResult {
  const timeout = Number(draft.timeoutMs.trim() || DEFAULT_FORWARD_TIMEOUT_MS);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 600_000) {
    return {
      ok: false,
      error: 'The timeout must be a whole number of milliseconds from 100 to 600000 (InboundFlow gives up after 10000).',
    };
  }
  const url = draft.url.trim();
  if (url === '') return { ok: true, forward_to: null, forward_timeout_ms: timeout };
  const checked = ForwardTo.safeParse(url);
  if (!checked.success) return { ok: false, error: checked.error.issues[0]?.message ?? 'The URL is not valid.' };
  return { ok: true, forward_to: checked.data, forward_timeout_ms: timeout };
}
