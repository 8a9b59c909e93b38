import { useMemo, useSyncExternalStore } from 'react';
import type { DeliverySummary } from '../../../shared/api/deliveries.js';
import { deliveryRate } from '../model/delivery-rate.js';
import { STATUS_CLASSES, statusClassLabel } from '../model/status-class.js';
import { useNow } from '../model/use-now.js';
import { useWorkbench } from '../model/workbench-context.js';
import './RateChart.css';

const MINUTES = 30;
const HEIGHT = 44;

/** Deliveries per minute over the last half hour, stacked by status class, from the rows the list has loaded. */
export function RateChart() {
  const { deliveries } = useWorkbench();
  const version = useSyncExternalStore(deliveries.subscribe, () => deliveries.getSnapshot().version);
  const now = useNow();
  const minute = Math.floor(now / 60_000);
  const rate = useMemo(() => {
    function* rows(): Generator<DeliverySummary> {
      const { count } = deliveries.getSnapshot();
      for (let i = 0; i < count; i += 1) {
        const row = deliveries.rowAt(i);
        if (row) yield row;
      }
    }
    return deliveryRate(rows(), now, MINUTES);
    // Recomputed when the list changes or a minute passes, not on every clock tick.
  }, [deliveries, version, minute]);

  const width = 100 / MINUTES;
  return (
    <figure className="rate-chart" data-testid="rate-chart" data-counted={rate.counted}>
      <figcaption className="rate-chart__caption">
        <span>
          <strong>{rate.counted.toLocaleString()}</strong> in the last {MINUTES} min · peak {rate.peak.toLocaleString()}/min · from the loaded list
        </span>
        <span className="rate-chart__legend" aria-hidden="true">
          {STATUS_CLASSES.filter((cls) => cls !== '1xx').map((cls) => (
            <span key={cls} className="rate-chart__key">
              <i className={`rate-chart__swatch rate-chart__fill--${cls}`} />
              {cls}
            </span>
          ))}
        </span>
      </figcaption>
      <svg
        className="rate-chart__plot"
        viewBox={`0 0 100 ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Deliveries per minute over the last ${MINUTES} minutes, by status class, from the loaded list`}
      >
        {rate.buckets.map((bucket, index) => {
          let y = HEIGHT;
          const x = index * width;
          const title = `${new Date(bucket.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${bucket.total} ${
            bucket.total === 1 ? 'delivery' : 'deliveries'
          }${STATUS_CLASSES.filter((cls) => bucket.counts[cls] > 0)
            .map((cls) => ` · ${bucket.counts[cls]} ${statusClassLabel(cls).toLowerCase()}`)
            .join('')}`;
          return (
            <g key={bucket.start}>
              <title>{title}</title>
              <rect x={x} y={0} width={width} height={HEIGHT} className="rate-chart__hit" />
              {STATUS_CLASSES.map((cls) => {
                const count = bucket.counts[cls];
                if (count === 0) return null;
                const h = (count / rate.peak) * (HEIGHT - 2);
                y -= h;
                return <rect key={cls} x={x + width * 0.12} y={y} width={width * 0.76} height={h} className={`rate-chart__fill--${cls}`} />;
              })}
            </g>
          );
        })}
        <line x1="0" x2="100" y1={HEIGHT - 0.25} y2={HEIGHT - 0.25} className="rate-chart__axis" />
      </svg>
      <div className="rate-chart__ticks" aria-hidden="true">
        <span>−{MINUTES} min</span>
        <span>now</span>
      </div>
    </figure>
  );
}
