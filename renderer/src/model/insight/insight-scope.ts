import type { Direction } from '../../../../shared/api/deliveries.js';
import type { DeliveryRateSeries, InsightBucket, ResponseTimeDistribution } from '../../../../shared/api/insight.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import type { InsightQueryParams } from '../../services/insight/insight-api.js';
import type { DeliveryFilters } from '../deliveries/delivery-filters.js';

/** The part of the list's filters the charts follow: where deliveries came from or went, and which way. */
export interface InsightScope {
  inbox: string;
  integration: string;
  direction: Direction | '';
}

/** Both charts of the Insight panel, answered for the same scope and window. */
export interface InsightAnswer {
  rate: DeliveryRateSeries;
  times: ResponseTimeDistribution;
}

export interface InsightSource {
  deliveryRate(query: InsightQueryParams): Promise<DeliveryRateSeries>;
  responseTimes(query: InsightQueryParams): Promise<ResponseTimeDistribution>;
}

export function insightScope(filters: Pick<DeliveryFilters, 'inbox' | 'integration' | 'direction'>): InsightScope {
  return { inbox: filters.inbox, integration: filters.integration, direction: filters.direction };
}

/** The query for a scope and bucket; the engine picks the window (the last 60 minutes or 48 hours). */
export function insightQuery(scope: InsightScope, bucket: InsightBucket): InsightQueryParams {
  const query: InsightQueryParams = { bucket };
  if (scope.inbox) query.inbox = scope.inbox;
  if (scope.integration) query.integration = scope.integration;
  if (scope.direction) query.direction = scope.direction;
  return query;
}

export async function fetchInsight(source: InsightSource, scope: InsightScope, bucket: InsightBucket): Promise<InsightAnswer> {
  const query = insightQuery(scope, bucket);
  const [rate, times] = await Promise.all([source.deliveryRate(query), source.responseTimes(query)]);
  return { rate, times };
}

/** What the charts cover, in words: "Outgoing deliveries · CRM sync". Names are looked up by the caller (ids as a fallback). */
export function describeScope(scope: InsightScope, names: { inbox?: string; integration?: string } = {}): string {
  const base = scope.direction === 'in' ? 'Incoming deliveries' : scope.direction === 'out' ? 'Outgoing deliveries' : 'All deliveries';
  if (scope.integration) return `${base} · to ${names.integration ?? scope.integration}`;
  if (scope.inbox) return `${base} · ${names.inbox ?? scope.inbox}`;
  return base;
}

/** Whether a live message can change the charts for this scope, so unrelated traffic costs no refetch. */
export function touchesScope(message: LiveMessage, scope: InsightScope): boolean {
  switch (message.type) {
    case 'delivery.created':
    case 'delivery.updated': {
      const { delivery } = message;
      if (scope.direction && delivery.direction !== scope.direction) return false;
      if (scope.inbox && delivery.inbox_id !== scope.inbox) return false;
      if (scope.integration && delivery.integration_id !== scope.integration) return false;
      return true;
    }
    case 'delivery.deleted':
      return true;
    case 'deliveries.removed':
      return !scope.integration && (!scope.inbox || message.inbox_id === scope.inbox);
    default:
      return false;
  }
}
