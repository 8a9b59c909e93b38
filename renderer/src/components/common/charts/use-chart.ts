import { useEffect, useRef, type RefObject } from 'react';
import type { ChartData, ChartOptions, ChartType, Plugin } from 'chart.js';
import { Chart } from './chart-setup.js';
import { useChartTheme } from './use-chart-theme.js';

export interface ChartSpec<TType extends ChartType> {
  data: ChartData<TType, number[], string>;
  options: ChartOptions<TType>;
}

/**
 * Draws `spec` on the canvas: the Chart is created once per canvas and destroyed on unmount; new
 * data updates it in place with `update('none')`, so live data never starts a transition or
 * rebuilds the chart. Specs are built with `animation: false`.
 */
export function useChart<TType extends ChartType>(
  canvas: RefObject<HTMLCanvasElement | null>,
  type: TType,
  spec: ChartSpec<TType>,
  plugins: Plugin<TType>[] = [],
): void {
  const chart = useRef<Chart<TType, number[], string> | null>(null);
  const first = useRef({ spec, plugins });
  const theme = useChartTheme();
  const drawnTheme = useRef(theme);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const { spec: initial, plugins: fixed } = first.current;
    const created = new Chart<TType, number[], string>(element, {
      type,
      data: copyData(initial.data),
      options: initial.options,
      plugins: fixed,
    });
    chart.current = created;
    return () => {
      created.destroy();
      chart.current = null;
    };
  }, [canvas, type]);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    applyData(current.data, spec.data);
    current.options = spec.options;
    // 'none' leaves the element options Chart.js shares across bars as they were, so a new theme's
    // colours need a full update; with animation off it draws at once all the same.
    const restyled = drawnTheme.current !== theme;
    drawnTheme.current = theme;
    current.update(restyled ? 'default' : 'none');
  }, [spec, theme]);
}

function copyData<TType extends ChartType>(data: ChartData<TType, number[], string>): ChartData<TType, number[], string> {
  return { labels: data.labels, datasets: data.datasets.map((dataset) => ({ ...dataset })) };
}

/** Keeps the dataset objects Chart.js already holds and only swaps their contents. */
function applyData<TType extends ChartType>(target: ChartData<TType, number[], string>, next: ChartData<TType, number[], string>): void {
  target.labels = next.labels;
  next.datasets.forEach((dataset, index) => {
    if (target.datasets[index]) Object.assign(target.datasets[index], dataset);
    else target.datasets.push({ ...dataset });
  });
  target.datasets.length = next.datasets.length;
}
