import type { DeliveryListQuery } from '../../../../shared/api/deliveries.js';
import { HookbenchError } from '../../../../shared/errors.js';
import { parseSearchQuery, type SearchFilters } from '../search/search-query.js';

/** What the delivery queries filter on, once the search box and the query parameters are merged. */
export interface DeliveryFilter extends Omit<SearchFilters, 'inbox'> {
  inboxId?: string;
  /** FTS5 MATCH expression (from search-query.ts, never raw user text). */
  match?: string | null;
  terms?: string[];
  before?: string;
  limit: number;
}

export type DeliveryFilterQuery = Omit<DeliveryListQuery, 'limit' | 'before'> & Partial<Pick<DeliveryListQuery, 'limit' | 'before'>>;

/**
 * Merges the list's query parameters with the `field:value` terms of its search: both apply, so a
 * field given both ways with different values is refused rather than silently picking one.
 */
export function resolveDeliveryFilter(
  query: DeliveryFilterQuery,
  inboxIdOf: (idOrSlug: string) => string,
  now = Date.now(),
): DeliveryFilter {
  const { q, inbox, pinned, queued, since, until, limit, before, ...plain } = query;
  const fromParams: SearchFilters = {
    ...plain,
    inbox,
    pinned: pinned === undefined ? undefined : pinned === 'true',
    queued: queued === undefined ? undefined : queued === 'true',
    since: since === undefined ? undefined : Date.parse(since),
    until: until === undefined ? undefined : Date.parse(until),
    method: plain.method?.toUpperCase(),
  };
  const search = q === undefined ? null : parseSearchQuery(q, now);
  const merged: SearchFilters = {};
  for (const key of new Set([...Object.keys(fromParams), ...Object.keys(search?.filters ?? {})]) as Set<keyof SearchFilters>) {
    const a = fromParams[key];
    const b = search?.filters[key];
    if (a !== undefined && b !== undefined && a !== b) {
      throw new HookbenchError(
        'invalid_query',
        `Search: ${key}:${String(b)} contradicts the ${key} filter (${String(a)}); drop one of them.`,
        400,
      );
    }
    const value = a ?? b;
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  const { inbox: inboxRef, ...rest } = merged;
  return {
    ...rest,
    inboxId: inboxRef === undefined ? undefined : inboxIdOf(inboxRef),
    match: search?.match ?? null,
    terms: search?.terms ?? [],
    before,
    limit: limit ?? 50,
  };
}
