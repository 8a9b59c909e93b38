import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import type { FireResult, Integration } from '../../shared/api/integrations.js';
import { apiCall, apiPost } from './support/api.js';
import { screenshot, SHOTS_DIR } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';

const json = (value: unknown) => ({ headers: [['Content-Type', 'application/json']] as [string, string][], body: JSON.stringify(value) });

/** An inbox that answers every request 500: the failing endpoint deliveries and integrations run into. */
function failingInbox(engine: RunningEngine): Promise<Inbox> {
  return apiPost<Inbox>(engine, '/api/inboxes', {
    name: 'Failing handler',
    slug: 'failing',
    failure: { mode: 'always', kind: { type: 'status', status: 500 } },
  });
}

async function post(engine: RunningEngine, slug: string, count: number): Promise<void> {
  for (let n = 0; n < count; n += 1)
    await sendRawWebhook(engine.receiverHttp, { path: `/i/${slug}/orders/${n}`, ...json({ event: 'order.paid', n }) });
}

function fire(engine: RunningEngine, integration: Integration): Promise<FireResult> {
  return apiPost<FireResult>(engine, '/api/events', { event: 'call.completed', integration_ids: [integration.id], wait: true });
}

async function shoot(target: Locator, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await target.screenshot({ path: `${SHOTS_DIR}/${name}.png` });
}

/** A theme colour as the page resolves it now, e.g. `--status-2xx` → `#007a5a`. */
function cssColour(page: Page, name: string): Promise<string> {
  return page.evaluate((property) => getComputedStyle(document.documentElement).getPropertyValue(property).trim(), name);
}

/** How many opaque canvas pixels have (nearly) each colour: what the chart really drew. */
function pixelCounts(chart: Locator, colours: string[]): Promise<number[]> {
  return chart.locator('canvas').evaluate((canvas: HTMLCanvasElement, hexes: string[]) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const wanted = hexes.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const counts = wanted.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] < 250) continue;
      wanted.forEach(([r, g, b], k) => {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 12) counts[k] += 1;
      });
    }
    return counts;
  }, colours);
}

/** The tallest run of one colour in any single pixel column, as a share of the canvas height: 1 is a full-height line. */
function tallestColumn(chart: Locator, colour: string): Promise<number> {
  return chart.locator('canvas').evaluate((canvas: HTMLCanvasElement, hex: string) => {
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let tallest = 0;
    for (let x = 0; x < width; x += 1) {
      let count = 0;
      for (let y = 0; y < height; y += 1) {
        const i = (y * width + x) * 4;
        if (data[i + 3] >= 250 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 12) count += 1;
      }
      tallest = Math.max(tallest, count);
    }
    return tallest / height;
  }, colour);
}

describe('insight charts', () => {
  const e2e = useE2eSession({ expectSafePages: true });

  async function openInsight(page: Page): Promise<void> {
    await page.getByTestId('rate-toggle').click();
    await page.getByTestId('insight-panel').waitFor();
  }

  it('stacks the delivery rate by status class, follows new deliveries live, histograms timed ones and follows the list’s filter', async () => {
    const engine = await e2e.start({ allowHttpLocalhost: true });
    await apiPost(engine, '/api/inboxes', { name: 'Shop', slug: 'shop' });
    const failing = await failingInbox(engine);
    await post(engine, 'shop', 3);
    await post(engine, 'failing', 2);

    const { page } = await e2e.openSignedIn({ colorScheme: 'light' });
    await openInsight(page);
    const rate = page.locator('[data-testid="rate-chart"][data-total="5"]');
    await rate.waitFor();
    expect(await rate.getAttribute('data-classes')).toBe('2xx 5xx');
    expect(await rate.getAttribute('data-bucket')).toBe('minute');
    expect(await page.getByTestId('rate-caption').textContent()).toMatch(/^5 in the last 60 min · peak [1-5]\/min at \d\d:\d\d$/);
    const [ok, failed] = [await cssColour(page, '--status-2xx'), await cssColour(page, '--status-5xx')];
    await expect
      .poll(() => pixelCounts(rate, [ok, failed]))
      .toSatisfy(([okPixels, failedPixels]: number[]) => okPixels > 0 && failedPixels > 0);

    // More arrive while the panel is open: the chart follows without a reload.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await post(engine, 'failing', 2);
    await post(engine, 'shop', 1);
    await page.locator('[data-testid="rate-chart"][data-total="8"]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // Nothing Hookbench answers itself is timed; dispatch attempts are.
    const times = page.getByTestId('response-time-chart');
    expect(await times.getAttribute('data-timed')).toBe('0');
    expect(await times.getAttribute('data-untimed')).toBe('8');
    expect(await page.getByTestId('response-time-caption').textContent()).toBe('Nothing timed yet · 8 untimed');
    const crm = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'custom',
      name: 'CRM sync',
      url: `${engine.receiverHttp}/i/shop/crm`,
      events: ['call.completed'],
    });
    await fire(engine, crm);
    await fire(engine, crm);
    const timed = page.locator('[data-testid="response-time-chart"][data-timed="2"]');
    await timed.waitFor();
    expect(Number(await timed.getAttribute('data-p50'))).toBeGreaterThan(0);
    expect(await page.getByTestId('response-time-caption').textContent()).toMatch(
      /^p50 ≤ [\d.]+ m?s · p90 ≤ [\d.]+ m?s · p99 ≤ [\d.]+ m?s$/,
    );
    const accent = await cssColour(page, '--accent');
    await expect.poll(async () => (await pixelCounts(timed, [accent]))[0]).toBeGreaterThan(0);
    await page.locator('[data-testid="rate-chart"][data-total="12"]').waitFor();
    await shoot(page.getByTestId('insight-panel'), 'insight-panel-light');
    await screenshot(page, 'insight-light');

    // The charts follow the list's inbox and direction.
    await page.getByLabel('Inbox or integration').selectOption(failing.id);
    await page.locator('[data-testid="rate-chart"][data-total="4"][data-classes="5xx"]').waitFor();
    expect(await page.getByTestId('insight-scope').textContent()).toBe('All deliveries · Failing handler · last 60 min');
    await page.getByLabel('Inbox or integration').selectOption('');
    await page.getByLabel('Direction').selectOption('out');
    await page.locator('[data-testid="rate-chart"][data-total="2"][data-classes="2xx"]').waitFor();
    expect(await page.getByTestId('response-time-chart').getAttribute('data-untimed')).toBe('0');

    // By the hour: the same deliveries in a 48-hour window.
    await page.getByRole('radio', { name: 'Per hour' }).locator('xpath=..').click();
    const hourly = page.locator('[data-testid="rate-chart"][data-bucket="hour"][data-total="2"]');
    await hourly.waitFor();
    expect(Number(await hourly.getAttribute('data-buckets'))).toBeGreaterThanOrEqual(48);
    expect(await page.getByTestId('rate-caption').textContent()).toMatch(/^2 in the last 48 h · peak 2\/h at /);
  });

  it('draws an integration’s failures climbing to the auto-disable line, the disable marker and the skips, live, and opens a delivery from a bar', async () => {
    const engine = await e2e.start({ allowHttpLocalhost: true });
    const failing = await failingInbox(engine);
    const crm = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'custom',
      name: 'CRM sync',
      url: `${engine.receiverHttp}/i/default/crm`,
      events: ['call.completed'],
    });
    await fire(engine, crm);
    await apiCall(engine, 'PATCH', `/api/integrations/${crm.id}`, { url: `${engine.receiverHttp}/i/failing/crm` });

    const { page } = await e2e.openSignedIn({ colorScheme: 'light' });
    await page.getByRole('tab', { name: /Integrations/ }).click();
    const card = page.getByRole('article', { name: 'CRM sync', exact: true });
    const timeline = card.locator('[data-testid="integration-timeline"][data-attempts="1"][data-failed="0"]');
    await timeline.waitFor();
    expect(await timeline.getAttribute('data-markers')).toBe('');

    // Ten failures in a row while the page watches: the bars climb and the tenth disables it.
    for (let n = 0; n < 10; n += 1) await fire(engine, crm);
    const disabled = card.locator('[data-testid="integration-timeline"][data-failed="10"][data-max-streak="10"][data-markers="disabled"]');
    await disabled.waitFor();
    const skipped = await fire(engine, crm);
    const withSkip = card.locator('[data-testid="integration-timeline"][data-skipped="1"]');
    await withSkip.waitFor();
    expect(await card.getByTestId('timeline-summary').textContent()).toBe('11 attempts · 10 failed · longest streak 10 of 10 · 1 skipped');

    const [failure, success, skip] = await Promise.all(
      ['--status-5xx', '--status-2xx', '--status-4xx'].map((name) => cssColour(page, name)),
    );
    await expect
      .poll(() => pixelCounts(withSkip, [failure, success, skip]))
      .toSatisfy((counts: number[]) => counts.every((count) => count > 0));
    // The disable marker runs the full height of the plot (over 9/10 of the canvas); the tallest bar stops at the threshold (10 of 13).
    expect(await tallestColumn(withSkip, failure)).toBeGreaterThan(0.8);
    await shoot(card, 'timeline-light');

    // Fixed and re-enabled: an enable marker, and the next success goes back to the floor.
    await apiCall(engine, 'PATCH', `/api/inboxes/${failing.id}`, { failure: null });
    await apiPost(engine, `/api/integrations/${crm.id}/enable`, { send_skipped: false });
    await card.locator('[data-testid="integration-timeline"][data-markers="disabled enabled"]').waitFor();
    await fire(engine, crm);
    await card.locator('[data-testid="integration-timeline"][data-attempts="12"][data-failed="10"]').waitFor();
    await shoot(card, 'timeline-recovered-light');

    // The skipped delivery's bar (second from the right) opens it in Deliveries.
    const canvas = card.getByTestId('integration-timeline').locator('canvas');
    const box = (await canvas.boundingBox())!;
    const plotLeft = box.x + 30;
    const column = (box.x + box.width - plotLeft) / 13;
    await canvas.click({ position: { x: plotLeft - box.x + column * 11.5, y: box.height - 20 } });
    const skippedId = skipped.deliveries[0].id;
    await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${skippedId}"]`).waitFor();
    expect(await page.getByLabel('Inbox or integration').inputValue()).toBe(`integration:${crm.id}`);
  });

  it('draws the charts in the dark theme’s colours and recolours them when the OS switches theme', async () => {
    const engine = await e2e.start({ allowHttpLocalhost: true });
    await failingInbox(engine);
    await post(engine, 'default', 3);
    await post(engine, 'failing', 2);
    const crm = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'custom',
      name: 'CRM sync',
      url: `${engine.receiverHttp}/i/failing/crm`,
      events: ['call.completed'],
    });
    for (let n = 0; n < 4; n += 1) await fire(engine, crm);

    const { page } = await e2e.openSignedIn({ colorScheme: 'dark' });
    const darkOk = await cssColour(page, '--status-2xx');
    await openInsight(page);
    const rate = page.locator('[data-testid="rate-chart"][data-total="13"][data-scheme="dark"]');
    await rate.waitFor();
    await page.emulateMedia({ colorScheme: 'light' });
    const lightOk = await cssColour(page, '--status-2xx');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(lightOk).not.toBe(darkOk);
    await expect.poll(() => pixelCounts(rate, [darkOk, lightOk])).toSatisfy(([dark, light]: number[]) => dark > 0 && light === 0);
    await shoot(page.getByTestId('insight-panel'), 'insight-panel-dark');
    await screenshot(page, 'insight-dark');

    // The OS switches to light with the page open: the same chart, redrawn in light colours.
    await page.emulateMedia({ colorScheme: 'light' });
    const relit = page.locator('[data-testid="rate-chart"][data-scheme="light"]');
    await relit.waitFor();
    await expect.poll(() => pixelCounts(relit, [darkOk, lightOk])).toSatisfy(([dark, light]: number[]) => dark === 0 && light > 0);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: /Integrations/ }).click();
    const card = page.getByRole('article', { name: 'CRM sync', exact: true });
    const timeline = card.locator('[data-testid="integration-timeline"][data-failed="4"][data-scheme="dark"]');
    await timeline.waitFor();
    const darkFailure = await cssColour(page, '--status-5xx');
    await expect.poll(async () => (await pixelCounts(timeline, [darkFailure]))[0]).toBeGreaterThan(0);
    await shoot(card, 'timeline-dark');
  });
});
