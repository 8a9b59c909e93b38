import { describe, expect, it } from 'vitest';
import { readChartTheme } from '../../renderer/src/model/common/chart-theme.js';

const lookup = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readChartTheme', () => {
  it('takes every colour from the theme’s custom properties, the status classes from the badge tokens', () => {
    const theme = readChartTheme(
      lookup({
        '--text': ' #e7eaf0',
        '--text-2': '#a0a8b6',
        '--border': '#272c36',
        '--border-strong': '#363d4a',
        '--surface': '#15181e',
        '--accent': '#8b8dff',
        '--status-2xx': '#3ccfa2',
        '--status-5xx': '#ff7b4f',
        '--status-none': '#8a93a0',
        '--status-2xx-bg': '#12302a',
        '--font-ui': 'system-ui, sans-serif',
      }),
      'dark',
    );
    expect(theme).toMatchObject({
      scheme: 'dark',
      text: '#e7eaf0',
      muted: '#a0a8b6',
      grid: '#272c36',
      axis: '#363d4a',
      surface: '#15181e',
      accent: '#8b8dff',
    });
    expect(theme.status).toMatchObject({ '2xx': '#3ccfa2', '5xx': '#ff7b4f', none: '#8a93a0' });
    expect(theme.statusSoft['2xx']).toBe('#12302a');
    expect(theme.font).toBe('system-ui, sans-serif');
  });

  it('falls back to the light theme’s colours for properties that are not set', () => {
    const theme = readChartTheme(lookup({ '--status-4xx': '#f0b429' }), 'light');
    expect(theme.status['4xx']).toBe('#f0b429');
    expect(theme.status['2xx']).toBe('#007a5a');
    expect(theme.text).toBe('#1a1d23');
    expect(Object.keys(theme.status)).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx', 'none']);
  });
});
