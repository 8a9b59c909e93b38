import { useSyncExternalStore } from 'react';
import { readChartTheme, type ChartTheme } from '../../../model/common/chart-theme.js';

const DARK = '(prefers-color-scheme: dark)';

let theme: ChartTheme | null = null;
const listeners = new Set<() => void>();
let media: MediaQueryList | null = null;

function changed(): void {
  theme = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (!media) {
    // One listener for all charts; the theme is read again once per switch, not once per chart.
    media = window.matchMedia(DARK);
    media.addEventListener('change', changed);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function getSnapshot(): ChartTheme {
  if (!theme) {
    const style = getComputedStyle(document.documentElement);
    theme = readChartTheme((name) => style.getPropertyValue(name), window.matchMedia(DARK).matches ? 'dark' : 'light');
  }
  return theme;
}

/** The theme's chart colours, read from theme.css; a new object when the OS switches between light and dark. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, getSnapshot);
}
