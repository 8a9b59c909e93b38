import { useMemo, useRef } from 'react';
import type { ResponseTimeDistribution } from '../../../../shared/api/insight.js';
import { percentileCaption, responseTimeChartModel, responseTimeTooltip, timedCaption } from '../../model/insight/response-time-chart.js';
import { categoryAxis, countAxis, tooltipStyle } from '../common/charts/chart-style.js';
import { useChart, type ChartSpec } from '../common/charts/use-chart.js';
import { useChartTheme } from '../common/charts/use-chart-theme.js';
import '../common/charts/Charts.css';

/** How long handlers took to answer, one bar per bin, fastest at the top; the open bin at 10 s is the timeout. */
export function ResponseTimeChart({ distribution }: { distribution: ResponseTimeDistribution }) {
  const theme = useChartTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const model = useMemo(() => responseTimeChartModel(distribution, theme), [distribution, theme]);
  const spec = useMemo<ChartSpec<'bar'>>(
    () => ({
      data: {
        labels: model.labels,
        datasets: [
          {
            label: 'Deliveries',
            data: model.counts,
            backgroundColor: model.colors,
            hoverBackgroundColor: model.colors,
            borderWidth: 0,
            barPercentage: 0.86,
            categoryPercentage: 0.94,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: countAxis(theme),
          y: { ...categoryAxis(theme), ticks: { ...categoryAxis(theme).ticks, autoSkip: false } },
        },
        plugins: {
          tooltip: {
            ...tooltipStyle<'bar'>(theme),
            displayColors: false,
            callbacks: {
              title: (items) => (items[0] ? `Answered in ${items[0].label}` : ''),
              label: (item) => responseTimeTooltip({ count: Number(item.raw) }, model.timed),
            },
          },
        },
      },
    }),
    [model, theme],
  );
  useChart(canvas, 'bar', spec);

  const percentiles = percentileCaption(distribution);
  const timed = timedCaption(distribution);
  return (
    <figure
      className="insight-chart"
      data-testid="response-time-chart"
      data-timed={distribution.timed}
      data-untimed={distribution.untimed}
      data-p50={distribution.p50_ms ?? ''}
      data-p90={distribution.p90_ms ?? ''}
      data-p99={distribution.p99_ms ?? ''}
      data-scheme={theme.scheme}
    >
      <figcaption className="insight-chart__caption">
        <span className="insight-chart__title">Response time</span>
        <span className="insight-chart__numbers" data-testid="response-time-caption">
          {percentiles ?? timed}
        </span>
      </figcaption>
      <div className="insight-chart__box">
        <canvas ref={canvas} role="img" aria-label={`Response times: ${[percentiles, timed].filter(Boolean).join(' · ')}`} />
      </div>
      {percentiles && <p className="insight-chart__note">{timed}</p>}
    </figure>
  );
}
