import type { Chart, ChartType, Plugin } from 'chart.js';
import type { ChartTheme } from '../../model/common/chart-theme.js';
import { markerLabel, type TimelineMarker } from '../../model/integrations/integration-timeline.js';
import { placeLabels, type TakenSpan } from '../../model/common/label-layout.js';

export interface TimelineOverlay {
  threshold: number;
  markers: TimelineMarker[];
  theme: ChartTheme;
}

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- an augmentation must repeat the type parameter, used or not
  interface PluginOptionsByType<TType extends ChartType> {
    timelineMarkers?: TimelineOverlay;
  }
}

const ROW_HEIGHT = 13;
const LABEL_ROWS = 2;

/**
 * Draws what bars cannot: the dashed auto-disable threshold and a vertical line at each disable or
 * enable, labelled. It reads the overlay from the chart's options (`plugins.timelineMarkers`), so new
 * markers come with the spec and need no new plugin.
 */
export const timelineMarkersPlugin: Plugin<'bar', TimelineOverlay> = {
  id: 'timelineMarkers',
  afterDatasetsDraw(chart: Chart<'bar'>, _args, overlay) {
    const { threshold, markers, theme } = overlay;
    const { ctx, chartArea } = chart;
    const x = chart.scales.x;
    const y = chart.scales.y;
    if (!x || !y) return;
    ctx.save();
    ctx.font = `10.5px ${theme.font}`;

    const lineY = Math.round(y.getPixelForValue(threshold)) + 0.5;
    const thresholdLabel = `auto-disable at ${threshold}`;
    ctx.strokeStyle = theme.status['5xx'];
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(chartArea.left, lineY);
    ctx.lineTo(chartArea.right, lineY);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = theme.status['5xx'];
    ctx.textAlign = 'left';
    ctx.textBaseline = 'bottom';
    ctx.fillText(thresholdLabel, chartArea.left + 4, lineY - 2);

    const rowTop = (row: number) => chartArea.top + 2 + row * ROW_HEIGHT;
    const taken: TakenSpan[] = [];
    for (let row = 0; row < LABEL_ROWS; row += 1) {
      // The threshold caption sits just above its line; marker labels keep clear of it.
      if (rowTop(row) < lineY - 2 && rowTop(row) + ROW_HEIGHT > lineY - 2 - ROW_HEIGHT) {
        taken.push({ row, from: chartArea.left, to: chartArea.left + 8 + ctx.measureText(thresholdLabel).width });
      }
    }
    const lines = markers.map((marker) => {
      const at = Math.round(x.getPixelForValue(marker.position)) + 0.5;
      return { marker, at: Math.min(Math.max(at, chartArea.left + 0.5), chartArea.right - 0.5), label: markerLabel(marker) };
    });
    const placements = placeLabels(
      lines.map((line) => ({ anchor: line.at, width: ctx.measureText(line.label).width })),
      { left: chartArea.left, right: chartArea.right },
      LABEL_ROWS,
      taken,
    );

    for (const line of lines) {
      ctx.strokeStyle = line.marker.kind === 'disabled' ? theme.status['5xx'] : theme.status['2xx'];
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(line.at, chartArea.top);
      ctx.lineTo(line.at, chartArea.bottom);
      ctx.stroke();
    }
    // Labels after every line, on the surface colour, so a nearby line never runs through one.
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    lines.forEach((line, index) => {
      const place = placements[index];
      if (!place) return;
      const width = ctx.measureText(line.label).width;
      ctx.fillStyle = theme.surface;
      ctx.fillRect(place.left - 2, rowTop(place.row) - 1, width + 4, ROW_HEIGHT);
      ctx.fillStyle = line.marker.kind === 'disabled' ? theme.status['5xx'] : theme.status['2xx'];
      ctx.fillText(line.label, place.left, rowTop(place.row));
    });
    ctx.restore();
  },
};
