import { useEffect, useEffectEvent, useMemo, useSyncExternalStore } from 'react';
import type { InsightBucket } from '../../../../shared/api/insight.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import { InsightApi } from '../../services/insight/insight-api.js';
import { fetchInsight, touchesScope, type InsightAnswer, type InsightScope } from './insight-scope.js';
import { LiveQuery, type LiveQuerySnapshot } from '../common/live-query.js';
import { useWorkbench } from '../common/workbench-context.js';

/** The window moves with the clock even when nothing arrives. */
const CLOCK_REFRESH_MS = 30_000;

interface Question {
  scope: InsightScope;
  bucket: InsightBucket;
}

/**
 * The Insight panel's rate and response-time answers for a scope and bucket: fetched again at
 * once when either changes, and throttled while live deliveries in the scope stream in.
 */
export function useInsight(scope: InsightScope, bucket: InsightBucket): LiveQuerySnapshot<InsightAnswer> {
  const { client, feed } = useWorkbench();
  const query = useMemo(() => {
    const api = new InsightApi(client);
    return new LiveQuery((asked: Question) => fetchInsight(api, asked.scope, asked.bucket));
  }, [client]);

  const { inbox, integration, direction } = scope;
  useEffect(() => {
    void query.restart({ scope: { inbox, integration, direction }, bucket });
  }, [query, inbox, integration, direction, bucket]);

  // Reads the scope of the latest render, so a new scope needs no new subscription.
  const onLive = useEffectEvent((message: LiveMessage) => {
    if (touchesScope(message, { inbox, integration, direction })) query.poke();
  });
  useEffect(() => {
    const offLive = feed.subscribe((message) => onLive(message));
    const offResumed = feed.onResumed(() => query.poke());
    const clock = setInterval(() => query.poke(), CLOCK_REFRESH_MS);
    return () => {
      offLive();
      offResumed();
      clearInterval(clock);
      query.stop();
    };
  }, [feed, query]);

  return useSyncExternalStore(query.subscribe, query.getSnapshot);
}
