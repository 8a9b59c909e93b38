import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from './support/engine.js';
import { apiCall } from './support/api.js';
import { screenshot } from './support/browser.js';
import { startLocalHandler, type LocalHandler } from './support/local-handler.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, waitForRows } from './support/ui.js';

/** Sends `count` deliveries with bodies {"n":0} … and answers their ids, oldest first. */
async function sendOrders(engine: RunningEngine, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: `/orders/${n}`,
      headers: [['Content-Type', 'application/json']],
      body: `{"n":${n}}`,
    });
    expect(sent.status).toBe(200);
    ids.push(sent.json.id!);
  }
  return ids;
}

const checkbox = (page: Page, id: string) => deliveryRow(page, id).getByRole('checkbox');
const openDetails = (page: Page) => page.locator('[data-testid="delivery-detail"]');
const selectedRows = (page: Page) =>
  page.$$eval('[role="row"][data-selected="true"]', (rows) => rows.map((row) => row.getAttribute('data-delivery-id')));

describe('picking deliveries by hand and replaying just those', () => {
  const e2e = useE2eSession({ expectSafePages: true });
  let handler: LocalHandler | undefined;

  // Registered after the session's, so it runs before it.
  afterEach(async () => {
    await handler?.close();
    handler = undefined;
  });

  it('replays only the picked rows, in arrival order, and picking never opens a row', async () => {
    const engine = await e2e.start();
    handler = await startLocalHandler();
    const ids = await sendOrders(engine, 6);
    const page = (await e2e.openSignedIn()).page;
    await waitForRows(page, [...ids].reverse());
    expect(await page.getByTestId('bulk-replay-open').textContent()).toBe('Replay list…');

    // One click, then a shift-click three rows up: {"n":1} to {"n":3}.
    await checkbox(page, ids[1]).click();
    await checkbox(page, ids[3]).click({ modifiers: ['Shift'] });
    await page.locator('[data-testid="selection-bar"][data-count="3"]').waitFor();
    expect(await page.getByTestId('selection-count').textContent()).toBe('3 selected');
    expect((await selectedRows(page)).sort()).toEqual([ids[1], ids[2], ids[3]].sort());
    expect(await checkbox(page, ids[2]).getAttribute('aria-label')).toMatch(/^Select POST \/orders\/2, received /);
    expect(await openDetails(page).count()).toBe(0);
    await screenshot(page, 'selection-list-light');

    const open = page.getByTestId('bulk-replay-open');
    expect(await open.textContent()).toBe('Replay 3 selected…');
    await open.click();
    const dialog = page.locator('[data-testid="bulk-replay-dialog"][data-scope="selected"]');
    await dialog.getByRole('heading', { name: 'Replay 3 selected deliveries' }).waitFor();
    await dialog.getByRole('radio', { name: 'One URL for all' }).check();
    await dialog.getByLabel('Bulk replay target URL').fill(`${handler.origin}/picked`);
    await screenshot(page, 'selection-dialog-light');
    await dialog.getByTestId('bulk-replay-start').click();
    await dialog.waitFor({ state: 'detached' });

    const done = page.locator('[data-testid="bulk-replay-progress"][data-state="done"][data-done="3"][data-total="3"]');
    await done.waitFor();
    expect(await done.locator('strong').textContent()).toBe('Replayed 3 / 3');
    expect(handler.requests.map((request) => [request.url, request.body.toString()])).toEqual([
      ['/picked/orders/1', '{"n":1}'],
      ['/picked/orders/2', '{"n":2}'],
      ['/picked/orders/3', '{"n":3}'],
    ]);
    expect(await openDetails(page).count()).toBe(0);

    const dark = (await e2e.openSignedIn({ colorScheme: 'dark' })).page;
    // The three replays now head the list as sent deliveries.
    await deliveryRow(dark, ids[0]).waitFor();
    await checkbox(dark, ids[4]).click();
    await checkbox(dark, ids[5]).click();
    await deliveryRow(dark, ids[3]).click();
    await dark.locator(`[data-testid="delivery-detail"][data-delivery-id="${ids[3]}"]`).waitFor();
    await screenshot(dark, 'selection-list-dark');
  });

  it('picks with x and Shift+X, keeps the row click, drops deleted rows and clears on a filter change', async () => {
    const engine = await e2e.start();
    const ids = await sendOrders(engine, 5);
    const page = (await e2e.openSignedIn()).page;
    const newestFirst = [...ids].reverse();
    await waitForRows(page, newestFirst);

    // The cursor starts at the top row; x picks it, Shift+X extends to the cursor two rows down.
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.locator('[data-testid="selection-bar"][data-count="1"]').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('Shift+X');
    await page.locator('[data-testid="selection-bar"][data-count="3"]').waitFor();
    expect((await selectedRows(page)).sort()).toEqual(newestFirst.slice(0, 3).sort());
    expect(await openDetails(page).count()).toBe(0);

    // Enter and a click on the row still open it, and leave the selection alone.
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${newestFirst[2]}"]`).waitFor();
    await deliveryRow(page, newestFirst[4]).locator('.delivery-row__path').click();
    await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${newestFirst[4]}"]`).waitFor();
    expect(await page.getByTestId('selection-bar').getAttribute('data-count')).toBe('3');

    // A focused checkbox toggles with Space and moves the keyboard cursor with it.
    await checkbox(page, newestFirst[3]).focus();
    await page.keyboard.press('Space');
    await page.locator('[data-testid="selection-bar"][data-count="4"]').waitFor();
    await page.keyboard.press('x');
    await page.locator('[data-testid="selection-bar"][data-count="3"]').waitFor();

    await page.getByTestId('select-all-loaded').check();
    await page.locator('[data-testid="selection-bar"][data-count="5"]').waitFor();

    const deleted = await apiCall(engine, 'DELETE', `/api/deliveries/${newestFirst[1]}`);
    expect(deleted.status).toBeLessThan(300);
    await page.locator('[data-testid="selection-bar"][data-count="4"]').waitFor();
    expect(await page.getByTestId('bulk-replay-open').textContent()).toBe('Replay 4 selected…');

    await page.getByLabel('Search deliveries').fill('orders');
    await page.getByTestId('selection-count').getByText('Selection cleared: the filters changed.').waitFor();
    await screenshot(page, 'selection-cleared-light');
    expect(await page.getByTestId('selection-bar').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('bulk-replay-open').textContent()).toBe('Replay list…');
  });
});
