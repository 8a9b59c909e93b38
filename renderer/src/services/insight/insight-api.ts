import type { DeliveryRateSeries, InsightQuery, IntegrationTimeline, ResponseTimeDistribution } from '../../../../shared/api/insight.js';
import type { ApiClient } from '../common/api-client.js';

/** The insight query as URL parameters; unset ones are left out. */
export type InsightQueryParams = Partial<Record<keyof InsightQuery, string>>;

/** The chart routes: delivery rate, response-time bins and an integration's attempts timeline. */
export class InsightApi {
  constructor(private readonly client: ApiClient) {}

  deliveryRate(query: InsightQueryParams): Promise<DeliveryRateSeries> {
    return this.client.call('deliveryRate', { query });
  }

  responseTimes(query: InsightQueryParams): Promise<ResponseTimeDistribution> {
    return this.client.call('responseTimes', { query });
  }

  integrationTimeline(id: string, limit?: number): Promise<IntegrationTimeline> {
    return this.client.call('integrationTimeline', { params: { id }, query: { limit: limit === undefined ? undefined : String(limit) } });
  }
}
