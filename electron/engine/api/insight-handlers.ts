import type { InsightQuery } from '../../../shared/api/insight.js';
import type { insightRoutes } from '../../../shared/api/insight-routes.js';
import { HookbenchError } from '../../../shared/errors.js';
import { AUTO_DISABLE_AFTER } from '../../../shared/inboundflow/auto-disable.js';
import type { IntegrationService } from '../dispatch/integration-service.js';
import type { InsightScope } from '../store/insight/insight.js';
import { resolveWindow } from '../store/insight/insight-window.js';
import type { Store } from '../store/store.js';
import type { Handlers } from './router.js';

export interface InsightContext {
  store: Pick<Store, 'insight' | 'timelines' | 'inboxes'>;
  integrations: IntegrationService;
}

/** The chart routes (shared/api/insight-routes.ts), one function each. */
export function createInsightHandlers({ store, integrations }: InsightContext): Handlers<typeof insightRoutes> {
  const { insight, timelines } = store;

  /** The rollup source key of the inbox or integration asked for; unknown ones are a 404, as elsewhere. */
  const scopeOf = (query: InsightQuery): InsightScope => {
    if (query.inbox !== undefined && query.integration !== undefined) {
      throw new HookbenchError(
        'invalid_query',
        'Give inbox or integration, not both: a delivery belongs to an inbox (received, replayed) or to an integration (dispatched).',
        400,
      );
    }
    if (query.inbox !== undefined) {
      const inbox = store.inboxes.find(query.inbox);
      if (!inbox) throw new HookbenchError('not_found', `No inbox with id or slug ${JSON.stringify(query.inbox)}.`, 404);
      return { sourceKey: inbox.id, direction: query.direction };
    }
    const sourceKey = query.integration === undefined ? undefined : integrations.find(query.integration).id;
    return { sourceKey, direction: query.direction };
  };

  return {
    deliveryRate: ({ query }) => insight.rate(resolveWindow(query, Date.now()), scopeOf(query)),
    responseTimes: ({ query }) => insight.responseTimes(resolveWindow(query, Date.now()), scopeOf(query)),
    integrationTimeline: ({ params, query }) => {
      const row = integrations.find(params.id);
      return timelines.timeline({ id: row.id, enabled: row.enabled === 1 }, query.limit, AUTO_DISABLE_AFTER);
    },
  };
}
