import type { DeliveryListQuery, DeliverySummary, Direction } from '../../../../shared/api/deliveries.js';
import type { SignatureVerdict } from '../common/signature-verdict.js';
import { statusClassOf, type StatusClass } from '../common/status-class.js';

export type SchemaFilter = 'valid' | 'invalid';

/** What the user narrowed the inbox to; empty strings mean "any". */
export interface DeliveryFilters {
  direction: Direction | '';
  inbox: string;
  /** Outgoing deliveries to this integration (id). */
  integration: string;
  event: string;
  status: StatusClass | '';
  /** InboundFlow signature verdict; rows without one (not InboundFlow) never match a set value. */
  signature: SignatureVerdict | '';
  schema: SchemaFilter | '';
  q: string;
}

export const NO_FILTERS: DeliveryFilters = {
  direction: '',
  inbox: '',
  integration: '',
  event: '',
  status: '',
  signature: '',
  schema: '',
  q: '',
};

export type ListQueryParams = Partial<Record<keyof DeliveryListQuery, string>>;

export function hasActiveFilters(filters: DeliveryFilters): boolean {
  return (Object.values(filters) as string[]).some((value) => value.trim() !== '');
}

/** The query string parameters the API expects; unset filters are left out. */
export function filtersToQuery(filters: DeliveryFilters): ListQueryParams {
  const query: ListQueryParams = {};
  if (filters.direction) query.direction = filters.direction;
  if (filters.inbox) query.inbox = filters.inbox;
  if (filters.integration) query.integration = filters.integration;
  if (filters.event.trim()) query.event = filters.event.trim();
  if (filters.status) query.status = filters.status;
  if (filters.signature) query.signature = filters.signature;
  if (filters.schema) query.schema = filters.schema;
  if (filters.q.trim()) query.q = filters.q.trim().slice(0, 200);
  return query;
}

/**
 * Whether a live delivery belongs in the list under these filters. `inboxIds` maps the filter's
 * inbox (id or slug) to the inbox id, since summaries carry only the id.
 */
export function matchesFilters(summary: DeliverySummary, filters: DeliveryFilters, inboxId: string | null): boolean {
  if (filters.direction && summary.direction !== filters.direction) return false;
  if (filters.inbox && summary.inbox_id !== (inboxId ?? filters.inbox)) return false;
  if (filters.integration && summary.integration_id !== filters.integration) return false;
  if (filters.event.trim() && summary.event !== filters.event.trim()) return false;
  if (filters.status && statusClassOf(summary.response_status) !== filters.status) return false;
  if (filters.signature && summary.signature_verdict !== filters.signature) return false;
  if (filters.schema && summary.schema_valid !== (filters.schema === 'valid')) return false;
  return matchesSearchLocally(summary, filters.q);
}

/**
 * A live arrival against the search text, judged without the engine's index: plain words must all
 * appear in the path or event. Phrases, prefixes and `field:` terms need the index, so a live row
 * never joins such a search (the list is a snapshot until the search changes).
 */
export function matchesSearchLocally(summary: DeliverySummary, q: string): boolean {
  const text = q.trim().toLowerCase();
  if (!text) return true;
  if (/["*:]/.test(text)) return false;
  const haystack = `${summary.path}\n${summary.event ?? ''}`.toLowerCase();
  return text.split(/\s+/).every((word) => haystack.includes(word));
}

/** The one "where" select covers inboxes and integrations: an inbox id, `integration:<id>`, or '' for all. */
export function sourceFilterValue(filters: DeliveryFilters): string {
  return filters.integration ? `integration:${filters.integration}` : filters.inbox;
}

export function sourceFilterPatch(value: string): Pick<DeliveryFilters, 'inbox' | 'integration'> {
  if (value.startsWith('integration:')) return { inbox: '', integration: value.slice('integration:'.length) };
  return { inbox: value, integration: '' };
}

/** What "show the deliveries sent to this integration" filters by. */
export function outgoingFilters(integrationId: string): DeliveryFilters {
  return { ...NO_FILTERS, direction: 'out', integration: integrationId };
}
