import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { InsightBucket } from '../../../shared/api/insight.js';
import { InsightApi } from '../services/insight-api.js';
import { fetchInsight, touchesScope, type InsightAnswer, type InsightScope } from './insight-scope.js';
import { LiveQuery, type LiveQuerySnapshot } from './live-query.js';
import { useWorkbench } from './workbench-context.js';

/** The window moves with the clock even when nothing arrives. */
const CLOCK_REFRESH_MS = 30_000;

/**
 * The Insight panel's rate and response-time answers for a scope and bucket: fetched again at
 * once when either changes, and throttled while live deliveries in the scope stream in.
 */
export function useInsight(scope: InsightScope, bucket: InsightBucket): LiveQuerySnapshot<InsightAnswer> {
  const { client, feed } = useWorkbench();
  const question = useRef({ scope, bucket });
  const query = useMemo(() => {
    const api = new InsightApi(client);
    return new LiveQuery(() => fetchInsight(api, question.current.scope, question.current.bucket));
  }, [client]);

  const { inbox, integration, direction } = scope;
  useEffect(() => {
    question.current = { scope: { inbox, integration, direction }, bucket };
    void query.restart();
  }, [query, inbox, integration, direction, bucket]);

  useEffect(() => {
    const offLive = feed.subscribe((message) => {
      if (touchesScope(message, question.current.scope)) query.poke();
    });
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
