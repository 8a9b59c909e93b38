import { lazy, Suspense, useState } from 'react';
import type { InsightBucket } from '../../../../shared/api/insight.js';
import { describeScope, insightScope } from '../../model/insight/insight-scope.js';
import { RATE_WINDOWS } from '../../model/insight/rate-chart.js';
import { useInsight } from '../../model/insight/use-insight.js';
import { useDeliveryList, useInboxes, useIntegrations } from '../../model/common/use-stores.js';
import { SegmentedControl, type SegmentOption } from '../common/SegmentedControl.js';
import './InsightPanel.css';

// Chart.js loads with the first chart shown, not with the app.
const RateChart = lazy(() => import('./RateChart.js').then((module) => ({ default: module.RateChart })));
const ResponseTimeChart = lazy(() => import('./ResponseTimeChart.js').then((module) => ({ default: module.ResponseTimeChart })));

const BUCKETS: SegmentOption<InsightBucket>[] = [
  { value: 'minute', label: 'Per minute', title: `Deliveries per minute, ${RATE_WINDOWS.minute.label}` },
  { value: 'hour', label: 'Per hour', title: `Deliveries per hour, ${RATE_WINDOWS.hour.label}` },
];

/** Charts over the list's inbox, integration and direction: delivery rate by status class and response times, kept live. */
export function InsightPanel() {
  const { filters } = useDeliveryList();
  const [bucket, setBucket] = useState<InsightBucket>('minute');
  const { inboxes } = useInboxes();
  const { integrations } = useIntegrations();
  const scope = insightScope(filters);
  const { data, error, loading } = useInsight(scope, bucket);
  const names = {
    inbox: inboxes.find((inbox) => inbox.id === scope.inbox)?.name,
    integration: integrations.find((integration) => integration.id === scope.integration)?.name,
  };

  return (
    <section className="insight-panel" aria-label="Insight" data-testid="insight-panel" data-loading={loading}>
      <header className="insight-panel__header">
        <SegmentedControl<InsightBucket> label="Rate per" value={bucket} options={BUCKETS} onChange={setBucket} />
        <span className="insight-panel__scope" data-testid="insight-scope">
          {describeScope(scope, names)} · {RATE_WINDOWS[bucket].label}
        </span>
        {error && (
          <span className="error-text insight-panel__error" role="alert">
            {error}
          </span>
        )}
      </header>
      {data ? (
        <Suspense fallback={<Loading />}>
          <div className="insight-panel__charts">
            <RateChart series={data.rate} />
            <ResponseTimeChart distribution={data.times} />
          </div>
        </Suspense>
      ) : (
        !error && <Loading />
      )}
    </section>
  );
}

function Loading() {
  return <p className="insight-panel__loading muted">Loading charts…</p>;
}
