import type { z } from 'zod';
import { ForwardTo } from '../../../../shared/api/inboxes.js';
import { MAX_BULK_REPLAY_IDS, type BulkReplayRequest } from '../../../../shared/api/replays.js';
import { filtersToQuery, type DeliveryFilters } from './delivery-filters.js';
import { statusClassLabel } from '../common/status-class.js';
import { VERDICT_FILTER_LABELS } from '../common/signature-verdict.js';

export interface BulkReplayDraft {
  /** Adds direction=in when the list shows both directions: replays and sends are rarely what is meant. */
  receivedOnly: boolean;
  target: 'default' | 'custom';
  customUrl: string;
  mode: 'exact' | 'resign';
  secret: string;
}

export type BulkReplayBody = NonNullable<z.input<typeof BulkReplayRequest>>;

/** The list's filters in words: "inbox Stripe · event call.completed · 5xx server error", or "every delivery". */
export function describeFilters(filters: DeliveryFilters, inboxName: (id: string) => string | undefined): string {
  const parts: string[] = [];
  if (filters.direction) parts.push(filters.direction === 'in' ? 'received' : 'sent');
  if (filters.inbox) parts.push(`inbox ${inboxName(filters.inbox) ?? filters.inbox}`);
  if (filters.integration) parts.push('one integration');
  if (filters.event.trim()) parts.push(`event ${filters.event.trim()}`);
  if (filters.status) parts.push(statusClassLabel(filters.status));
  if (filters.signature) parts.push(VERDICT_FILTER_LABELS[filters.signature].toLowerCase());
  if (filters.schema) parts.push(filters.schema === 'valid' ? 'schema matches' : 'schema differs');
  if (filters.q.trim()) parts.push(`matching “${filters.q.trim()}”`);
  return parts.length === 0 ? 'every delivery' : parts.join(' · ');
}

/** POST /api/replays for the filtered list (or the given ids), or the first thing to fix. */
export function bulkReplayBody(
  scope: { filters: DeliveryFilters } | { ids: string[] },
  draft: BulkReplayDraft,
): { ok: true; body: BulkReplayBody } | { ok: false; error: string } {
  const body: BulkReplayBody = { mode: draft.mode };
  if ('ids' in scope) {
    if (scope.ids.length === 0) return { ok: false, error: 'Select at least one delivery.' };
    if (scope.ids.length > MAX_BULK_REPLAY_IDS)
      return {
        ok: false,
        error: `Select at most ${MAX_BULK_REPLAY_IDS.toLocaleString('en')} deliveries, or clear the selection to replay the list by its filters.`,
      };
    body.ids = scope.ids;
  } else {
    const filter = filtersToQuery(scope.filters);
    if (draft.receivedOnly && !filter.direction) filter.direction = 'in';
    body.filter = filter as BulkReplayBody['filter'];
  }
  if (draft.target === 'custom') {
    const checked = ForwardTo.safeParse(draft.customUrl.trim());
    if (!checked.success)
      return {
        ok: false,
        error: draft.customUrl.trim() ? (checked.error.issues[0]?.message ?? 'The URL is not valid.') : 'Enter the URL to replay to.',
      };
    body.target = checked.data;
  }
  if (draft.mode === 'resign' && draft.secret) body.secret = draft.secret;
  return { ok: true, body };
}
