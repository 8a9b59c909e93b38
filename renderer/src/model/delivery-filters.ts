import type { DeliveryListQuery, DeliverySummary, Direction } from '../../../shared/api/deliveries.js';
import { statusClassOf, type StatusClass } from './status-class.js';

/** What the user narrowed the inbox to; empty strings mean "any". */
export interface DeliveryFilters {
  direction: Direction | '';
  inbox: string;
  event: string;
  status: StatusClass | '';
  q: string;
}

export const NO_FILTERS: DeliveryFilters = { direction: '', inbox: '', event: '', status: '', q: '' };

export type ListQueryParams = Partial<Record<keyof DeliveryListQuery, string>>;

export function hasActiveFilters(filters: DeliveryFilters): boolean {
  return Object.values(filters).some((value) => value.trim() !== '');
}

/** The query string parameters the API expects; unset filters are left out. */
export function filtersToQuery(filters: DeliveryFilters): ListQueryParams {
  const query: ListQueryParams = {};
  if (filters.direction) query.direction = filters.direction;
  if (filters.inbox) query.inbox = filters.inbox;
  if (filters.event.trim()) query.event = filters.event.trim();
  if (filters.status) query.status = filters.status;
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
  if (filters.event.trim() && summary.event !== filters.event.trim()) return false;
  if (filters.status && statusClassOf(summary.response_status) !== filters.status) return false;
  const q = filters.q.trim().toLowerCase();
  if (q && !summary.path.toLowerCase().includes(q) && !(summary.event ?? '').toLowerCase().includes(q)) return false;
  return true;
}
