import { lazy, Suspense } from 'react';
import type { Integration } from '../../../../shared/api/integrations.js';
import { hasTimelineBars } from '../../model/integrations/integration-timeline.js';
import { useIntegrationTimeline } from '../../model/integrations/use-integration-timeline.js';

// Chart.js loads with the first chart shown, not with the app.
const IntegrationTimelineChart = lazy(() =>
  import('./IntegrationTimelineChart.js').then((module) => ({ default: module.IntegrationTimelineChart })),
);

/** A card's attempts timeline, kept current by the live feed; a bar opens its delivery. */
export function IntegrationTimeline({ integration, onOpen }: { integration: Integration; onOpen: (deliveryId: string) => void }) {
  const { data, error } = useIntegrationTimeline(integration.id, integration.updated_at);
  if (data && hasTimelineBars(data)) {
    return (
      <Suspense fallback={<span className="muted">Loading…</span>}>
        <IntegrationTimelineChart timeline={data} onOpen={onOpen} />
      </Suspense>
    );
  }
  if (error) return <span className="error-text">{error}</span>;
  return <span className="muted">{data ? 'No attempts yet.' : 'Loading…'}</span>;
}
