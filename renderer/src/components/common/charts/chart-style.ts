import type { ChartType, FontSpec, ScaleOptionsByType, TooltipOptions } from 'chart.js';
import type { ChartTheme } from '../../../model/common/chart-theme.js';

type DeepPartialScale = Partial<ScaleOptionsByType<'category' | 'linear'>>;

export function chartFont(theme: ChartTheme, size = 10.5): Partial<FontSpec> {
  return { family: theme.font, size };
}

/** Tooltips drawn like the app's popovers: the surface colour, a hairline border, the UI font. */
export function tooltipStyle<TType extends ChartType>(theme: ChartTheme): Partial<TooltipOptions<TType>> {
  return {
    backgroundColor: theme.surface,
    borderColor: theme.axis,
    borderWidth: 1,
    titleColor: theme.text,
    bodyColor: theme.text,
    footerColor: theme.muted,
    titleFont: { ...chartFont(theme, 11.5), weight: 'bold' },
    bodyFont: chartFont(theme, 11.5),
    footerFont: { ...chartFont(theme, 11), weight: 'normal' },
    padding: 8,
    cornerRadius: 6,
    boxWidth: 8,
    boxHeight: 8,
    boxPadding: 4,
    caretSize: 5,
  };
}

/** The category axis: no grid, a quiet baseline, labels thinned to fit. */
export function categoryAxis(theme: ChartTheme): DeepPartialScale {
  return {
    grid: { display: false },
    border: { color: theme.axis },
    ticks: { color: theme.muted, font: chartFont(theme), maxRotation: 0, autoSkipPadding: 14 },
  } as DeepPartialScale;
}

/** The count axis: whole numbers, few light grid lines. */
export function countAxis(theme: ChartTheme): DeepPartialScale {
  return {
    beginAtZero: true,
    grid: { color: theme.grid },
    border: { display: false },
    ticks: { color: theme.muted, font: chartFont(theme), precision: 0, maxTicksLimit: 4 },
  } as DeepPartialScale;
}
