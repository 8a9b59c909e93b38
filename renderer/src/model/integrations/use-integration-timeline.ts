import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { IntegrationTimeline } from '../../../../shared/api/insight.js';
import { InsightApi } from '../../services/insight/insight-api.js';
import { touchesIntegration } from './integration-timeline.js';
import { LiveQuery, type LiveQuerySnapshot } from '../common/live-query.js';
import { useWorkbench } from '../common/workbench-context.js';

/** Attempts a card's timeline shows: enough to see a streak and what came before it. */
export const TIMELINE_LIMIT = 60;

/**
 * An integration's attempts timeline, fetched again (throttled) when one of its deliveries or the
 * integration itself changes; `version` (its updated_at) covers changes made from this page.
 */
export function useIntegrationTimeline(integrationId: string, version: string): LiveQuerySnapshot<IntegrationTimeline> {
  const { client, feed } = useWorkbench();
  const query = useMemo(() => {
    const api = new InsightApi(client);
    return new LiveQuery(() => api.integrationTimeline(integrationId, TIMELINE_LIMIT));
  }, [client, integrationId]);

  useEffect(() => {
    void query.restart();
    const offLive = feed.subscribe((message) => {
      if (touchesIntegration(message, integrationId)) query.poke();
    });
    const offResumed = feed.onResumed(() => query.poke());
    return () => {
      offLive();
      offResumed();
      query.stop();
    };
  }, [feed, query, integrationId]);

  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    query.poke();
  }, [query, version]);

  return useSyncExternalStore(query.subscribe, query.getSnapshot);
}
