import type { DeliveryRateSeries, InsightQuery, IntegrationTimeline, ResponseTimeDistribution } from '../../../../shared/api/insight.js';
import { insightRoutes } from '../../../../shared/api/insight-routes.js';
import type { ApiClient } from '../common/api-client.js';

/** The insight query as URL parameters; unset ones are left out. */
export type InsightQueryParams = Partial<Record<keyof InsightQuery, string>>;

const { deliveryRate, responseTimes, integrationTimeline } = insightRoutes;

/** The chart routes: delivery rate, response-time bins and an integration's attempts timeline. */
export class InsightApi {
  constructor(private readonly client: ApiClient) {}

  deliveryRate(query: InsightQueryParams): Promise<DeliveryRateSeries> {
    return this.client.request(deliveryRate.method, deliveryRate.path, { query, schema: deliveryRate.response });
  }

  responseTimes(query: InsightQueryParams): Promise<ResponseTimeDistribution> {
    return this.client.request(responseTimes.method, responseTimes.path, { query, schema: responseTimes.response });
  }

  integrationTimeline(id: string, limit?: number): Promise<IntegrationTimeline> {
    return this.client.request(integrationTimeline.method, integrationTimeline.path.replace(':id', encodeURIComponent(id)), {
      query: { limit: limit === undefined ? undefined : String(limit) },
      schema: integrationTimeline.response,
    });
  }
}
