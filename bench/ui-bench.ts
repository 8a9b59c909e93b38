import { chromium } from 'playwright-core';
import { startHookbench } from './processes.js';
import { seedDeliveries } from './seed.js';

export interface FirstRowFigures {
  small: { rows: number; ms: number };
  large: { rows: number; ms: number };
  ratio: number;
}

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Median time from navigation to the first rendered delivery row, over a few fresh page loads. */
async function timeToFirstRow(uiUrl: string, loads: number): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const times: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(uiUrl);
      await page.locator('[data-testid="delivery-list"] [data-delivery-id]').first().waitFor({ timeout: 30_000 });
      times.push(performance.now() - started);
      await context.close();
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    await browser.close();
  }
}

async function measure(rows: number, loads: number): Promise<number> {
  const dataDir = await seedDeliveries(rows);
  const engine = await startHookbench(dataDir);
  try {
    const uiUrl = /Inbox UI\s+(\S+)/.exec(engine.output)?.[1];
    if (!uiUrl) throw new Error('serve printed no UI URL');
    await timeToFirstRow(uiUrl, 1); // Warm the OS file cache and Chromium's code cache alike for both sizes.
    return await timeToFirstRow(uiUrl, loads);
  } finally {
    await engine.stop();
  }
}

/** Page load to first row with 100,000 stored deliveries vs 100, same run. Goal: ratio ≤ 1.5. */
export async function firstRowBenchmark(loads = 5): Promise<FirstRowFigures> {
  const small = await measure(100, loads);
  const large = await measure(100_000, loads);
  return { small: { rows: 100, ms: small }, large: { rows: 100_000, ms: large }, ratio: large / small };
}
