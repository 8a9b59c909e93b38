/// <reference lib="dom" />
// The page-side functions below run in Chromium, hence the DOM types.
import { chromium, type Page } from 'playwright-core';
import { startHookbench } from './processes.js';

export interface BodyViewFigures {
  bytes: number;
  lines: number;
  /** Click on the Body tab to the body's first line on screen (fetch, parse, first paint). */
  openMs: number;
  /** Click to the whole body laid out and scrollable to its end (the same moment as `openMs` for a view that lays out at once). */
  completeMs: number;
  /** Jump to the end to the last line on screen. */
  endMs: number;
  /** Forty page-sized scroll steps through the middle, each waited to its next painted frame. */
  scrollMs: number;
  /** The slowest of those frames. */
  worstFrameMs: number;
  /** Main-thread busy time (script, style, layout, paint) from the click to the first line, and over the scroll steps: less noisy than wall time on a shared machine. */
  openTaskMs: number;
  scrollTaskMs: number;
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
/** The body view's scrolling element, whichever component draws it. */
const SCROLLER = '[data-testid="request-body"] .cm-scroller, [data-testid="pretty-json"]';

/** A JSON export of about 9 MiB: many small rows, as in tests/e2e/lazy-body.test.ts. */
function nineMibJson(): { body: string; lastCustomer: string } {
  const rows: unknown[] = [];
  for (let size = 0; size < 9 * 1024 * 1024;) {
    const row = { id: rows.length, customer: `customer ${rows.length}`, note: 'n'.repeat(60) };
    rows.push(row);
    size += JSON.stringify(row).length + 1;
  }
  return { body: JSON.stringify({ event: 'export.finished', data: { rows } }), lastCustomer: `customer ${rows.length - 1}` };
}

function shownText(page: Page, text: string, timeout = 60_000): Promise<unknown> {
  return page.waitForFunction(
    ([selector, wanted]) => document.querySelector<HTMLElement>(selector)?.innerText.includes(wanted) ?? false,
    [SCROLLER, text] as const,
    { timeout, polling: 'raf' },
  );
}

async function oneRound(uiUrl: string, id: string, lastCustomer: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(uiUrl);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="delivery-list"] [data-delivery-id="${id}"]`).click();
    await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${id}"]`).waitFor();

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    const busyBeforeOpen = await busy();
    const opened = performance.now();
    await page.getByRole('tab', { name: /^Body/ }).click();
    await shownText(page, '"export.finished"');
    const openMs = performance.now() - opened;
    const openTaskMs = (await busy()) - busyBeforeOpen;
    // A view that lays a big body out by slices says when it is done; one that does not is done at first paint.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="request-body"] [data-complete]')?.getAttribute('data-complete') !== 'false',
      null,
      {
        timeout: 60_000,
        polling: 'raf',
      },
    );
    const completeMs = performance.now() - opened;
    // The line count the view reports (old: the pretty list; CodeMirror: the body view).
    const lines = Number(await page.locator('[data-lines]').first().getAttribute('data-lines'));

    const busyBeforeScroll = await busy();
    // Through the middle first, so the jump to the end below is not helped by anything measured here.
    const { scrollMs, worstFrameMs } = await page.evaluate(async (selector) => {
      const scroller = document.querySelector(selector) as HTMLElement;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      scroller.scrollTop = scroller.scrollHeight / 3;
      await frame();
      let worst = 0;
      const started = performance.now();
      for (let step = 0; step < 40; step += 1) {
        const before = performance.now();
        scroller.scrollTop += scroller.clientHeight;
        await frame();
        worst = Math.max(worst, performance.now() - before);
      }
      return { scrollMs: performance.now() - started, worstFrameMs: worst };
    }, SCROLLER);
    const scrollTaskMs = (await busy()) - busyBeforeScroll;

    const ended = performance.now();
    await page
      .locator(SCROLLER)
      .first()
      .evaluate((element) => ((element as HTMLElement).scrollTop = element.scrollHeight));
    await shownText(page, lastCustomer);
    const endMs = performance.now() - ended;
    return { lines, openMs, completeMs, endMs, scrollMs, worstFrameMs, openTaskMs, scrollTaskMs };
  } finally {
    await browser.close();
  }
}

/** A 9 MiB JSON delivery in the Body tab: open, jump to the end, scroll. Medians over fresh browsers. */
export async function bodyViewBenchmark(rounds = 5): Promise<BodyViewFigures> {
  const engine = await startHookbench();
  try {
    const uiUrl = /Inbox UI\s+(\S+)/.exec(engine.output)?.[1];
    const receiver = engine.match[1];
    if (!uiUrl) throw new Error('serve printed no UI URL');
    const { body, lastCustomer } = nineMibJson();
    const sent = await fetch(`${receiver}/i/default/big`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const { id } = (await sent.json()) as { id: string };
    await oneRound(uiUrl, id, lastCustomer); // warm-up: caches on both sides
    const results: Awaited<ReturnType<typeof oneRound>>[] = [];
    for (let i = 0; i < rounds; i += 1) results.push(await oneRound(uiUrl, id, lastCustomer));
    const median = (pick: (r: (typeof results)[number]) => number) =>
      results.map(pick).sort((a, b) => a - b)[Math.floor(results.length / 2)];
    return {
      bytes: Buffer.byteLength(body),
      lines: results[0].lines,
      openMs: median((r) => r.openMs),
      completeMs: median((r) => r.completeMs),
      endMs: median((r) => r.endMs),
      scrollMs: median((r) => r.scrollMs),
      worstFrameMs: median((r) => r.worstFrameMs),
      openTaskMs: median((r) => r.openTaskMs),
      scrollTaskMs: median((r) => r.scrollTaskMs),
    };
  } finally {
    await engine.stop();
  }
}
