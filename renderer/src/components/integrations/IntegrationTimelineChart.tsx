import { useLayoutEffect, useMemo, useRef } from 'react';
import type { IntegrationTimeline } from '../../../../shared/api/insight.js';
import { timelineColors, timelineModel, timelineSummary, timelineTooltip } from '../../model/integrations/integration-timeline.js';
import { categoryAxis, countAxis, tooltipStyle } from '../common/charts/chart-style.js';
import { timelineMarkersPlugin } from './timeline-markers.js';
import { useChart, type ChartSpec } from '../common/charts/use-chart.js';
import { useChartTheme } from '../common/charts/use-chart-theme.js';
import '../common/charts/Charts.css';

const MARKERS = [timelineMarkersPlugin];

/**
 * An integration's attempts in order: a failure stands as tall as the streak it makes, so a streak
 * climbs like stairs toward the dashed auto-disable line; successes stay low and green. Disables,
 * enables and the deliveries skipped meanwhile are on the same line. A bar opens its delivery.
 */
export function IntegrationTimelineChart({ timeline, onOpen }: { timeline: IntegrationTimeline; onOpen: (deliveryId: string) => void }) {
  const theme = useChartTheme();
  const canvas = useRef<HTMLCanvasElement>(null);
  const model = useMemo(() => timelineModel(timeline), [timeline]);
  const open = useRef(onOpen);
  // Before the chart's own effect redraws, so the click target matches the bars.
  useLayoutEffect(() => {
    open.current = onOpen;
  });

  const spec = useMemo<ChartSpec<'bar'>>(() => {
    const colors = timelineColors(model.items, theme);
    return {
      data: {
        labels: model.items.map((_, index) => String(index + 1)),
        datasets: [
          {
            label: 'Attempts',
            data: model.items.map((item) => item.height),
            backgroundColor: colors.fill,
            hoverBackgroundColor: colors.fill,
            borderColor: colors.border,
            borderWidth: model.items.map((item) => (item.kind === 'skipped' ? 1.5 : 0)),
            barPercentage: 0.8,
            categoryPercentage: 0.9,
            maxBarThickness: 22,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        layout: { padding: { top: 2 } },
        onClick: (_event, elements) => {
          const item = elements[0] ? model.items[elements[0].index] : undefined;
          if (item) open.current(item.delivery);
        },
        onHover: (event, elements) => {
          const target = event.native?.target;
          if (target instanceof HTMLElement) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
        },
        scales: {
          x: { ...categoryAxis(theme), ticks: { display: false } },
          y: {
            ...countAxis(theme),
            max: model.yMax,
            grid: { color: (context) => (context.tick.value % 5 === 0 ? theme.grid : 'transparent') },
            ticks: {
              ...countAxis(theme).ticks,
              stepSize: 5,
              maxTicksLimit: undefined,
              callback: (value) => (Number(value) % 5 === 0 ? value : ''),
            },
          },
        },
        plugins: {
          timelineMarkers: { threshold: model.threshold, markers: model.markers, theme },
          tooltip: {
            ...tooltipStyle<'bar'>(theme),
            displayColors: false,
            callbacks: {
              title: (items) => (items[0] ? timelineTooltip(model.items[items[0].dataIndex], model.threshold).title : ''),
              label: (item) => timelineTooltip(model.items[item.dataIndex], model.threshold).lines,
            },
          },
        },
      },
    };
  }, [model, theme]);
  useChart(canvas, 'bar', spec, MARKERS);

  const summary = timelineSummary(model);
  return (
    <figure
      className="insight-chart insight-chart--timeline"
      data-testid="integration-timeline"
      data-attempts={model.attempts}
      data-failed={model.failed}
      data-max-streak={model.maxStreak}
      data-skipped={model.skipped}
      data-markers={model.markers.map((marker) => marker.kind).join(' ')}
      data-scheme={theme.scheme}
    >
      <div className="insight-chart__box">
        <canvas ref={canvas} role="img" aria-label={`Attempts timeline: ${summary}`} />
      </div>
      <figcaption className="insight-chart__note" data-testid="timeline-summary">
        {summary}
      </figcaption>
    </figure>
  );
}
