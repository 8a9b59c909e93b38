import { DeliveryRateSeries, InsightQuery, IntegrationTimeline, ResponseTimeDistribution, TimelineQuery } from './insight.js';
import type { RouteContract } from './route-contract.js';

/** Charts: delivery rate, response times and each integration's attempts timeline. */
export const insightRoutes = {
  deliveryRate: {
    method: 'GET',
    path: '/api/insight/rate',
    summary: 'Deliveries per minute or hour, stacked by status class',
    query: InsightQuery,
    response: DeliveryRateSeries,
  },
  responseTimes: {
    method: 'GET',
    path: '/api/insight/response-times',
    summary: 'How long handlers took to answer, binned',
    query: InsightQuery,
    response: ResponseTimeDistribution,
  },
  integrationTimeline: {
    method: 'GET',
    path: '/api/integrations/:id/timeline',
    summary: 'The newest attempts of an integration with its failure streak, disables and enables',
    query: TimelineQuery,
    response: IntegrationTimeline,
  },
} as const satisfies Record<string, RouteContract>;
