import { useMemo, useRef } from 'react';
import type { DeliveryRateSeries } from '../../../../shared/api/insight.js';
import { bucketSpan, rateCaption, rateChartModel } from '../../model/insight/rate-chart.js';
import { categoryAxis, countAxis, tooltipStyle } from '../common/charts/chart-style.js';
import { useChart, type ChartSpec } from '../common/charts/use-chart.js';
import { useChartTheme } from '../common/charts/use-chart-theme.js';
import '../common/charts/Charts.css';

/** Deliveries per minute or hour, stacked by status class in the status badges' colours. */
export function RateChart({ series }: { series: DeliveryRateSeries }) {
  const theme = useChartTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const model = useMemo(() => rateChartModel(series, theme), [series, theme]);
  const spec = useMemo<ChartSpec<'bar'>>(
    () => ({
      data: {
        labels: model.labels,
        datasets: model.datasets.map((dataset) => ({
          label: dataset.label,
          data: dataset.data,
          backgroundColor: dataset.color,
          hoverBackgroundColor: dataset.color,
          borderWidth: 0,
          barPercentage: 0.82,
          categoryPercentage: 0.92,
          stack: 'status',
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { ...categoryAxis(theme), stacked: true },
          y: { ...countAxis(theme), stacked: true },
        },
        plugins: {
          tooltip: {
            ...tooltipStyle<'bar'>(theme),
            filter: (item) => Number(item.raw) > 0,
            callbacks: {
              title: (items) => (items[0] ? bucketSpan(series.buckets[items[0].dataIndex].start, series.bucket) : ''),
              label: (item) => `${item.dataset.label}: ${Number(item.raw).toLocaleString('en-US')}`,
              footer: (items) => (items[0] ? `Total: ${series.buckets[items[0].dataIndex].total.toLocaleString('en-US')}` : ''),
            },
          },
        },
      },
    }),
    [model, theme, series],
  );
  useChart(canvas, 'bar', spec);

  const caption = rateCaption(model, series.bucket);
  return (
    <figure
      className="insight-chart"
      data-testid="rate-chart"
      data-total={model.total}
      data-peak={model.peak}
      data-bucket={series.bucket}
      data-buckets={series.buckets.length}
      data-classes={model.present.join(' ')}
      data-scheme={theme.scheme}
    >
      <figcaption className="insight-chart__caption">
        <span className="insight-chart__title">Deliveries per {series.bucket}</span>
        <span className="insight-chart__numbers" data-testid="rate-caption">
          {caption}
        </span>
      </figcaption>
      <div className="insight-chart__box">
        <canvas ref={canvas} role="img" aria-label={`Deliveries per ${series.bucket} by status class: ${caption}`} />
      </div>
      <ul className="insight-chart__legend" aria-hidden="true">
        {model.datasets
          .filter((dataset) => dataset.statusClass !== '1xx' || model.present.includes('1xx'))
          .map((dataset) => (
            <li key={dataset.statusClass} className={model.present.includes(dataset.statusClass) ? '' : 'insight-chart__key--absent'}>
              <i className={`insight-chart__swatch insight-chart__swatch--${dataset.statusClass}`} />
              {dataset.statusClass === 'none' ? 'no response' : dataset.statusClass}
            </li>
          ))}
      </ul>
    </figure>
  );
}
