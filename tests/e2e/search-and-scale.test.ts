import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import { apiGet, apiPost, listDeliveries } from './support/api.js';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, openDelivery, waitForRows } from './support/ui.js';

const json = (value: unknown) => ({ headers: [['Content-Type', 'application/json']] as [string, string][], body: JSON.stringify(value) });

/** Types a search and waits for the list to show exactly these rows. */
async function search(page: Page, q: string, ids: string[]): Promise<void> {
  await page.getByLabel('Search deliveries').fill(q);
  await waitForRows(page, ids);
}

describe('search, big bodies, pins and retention', () => {
  const e2e = useE2eSession({ expectSafePages: true });

  it('searches with a phrase and a field filter, highlights the hit as text, and explains a bad query inline', async () => {
    const engine = await e2e.start();
    const wanted = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/leads',
      ...json({ event: 'lead.created', data: { summary: 'Caller wants a brake inspection on Friday <img src=x onerror=alert(1)>' } }),
    });
    const wordsApart = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/leads',
      ...json({ event: 'lead.created', data: { summary: 'New brake pads; the inspection was last year' } }),
    });
    const otherEvent = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/calls',
      ...json({ event: 'call.completed', data: { summary: 'Asked about a brake inspection' } }),
    });
    const [wantedId, apartId, otherId] = [wanted, wordsApart, otherEvent].map((sent) => sent.json.id!);

    const { page } = await e2e.openSignedIn({ colorScheme: 'light' });
    await waitForRows(page, [otherId, apartId, wantedId]);

    await search(page, 'brake inspection', [otherId, apartId, wantedId]);
    await search(page, '"brake inspection"', [otherId, wantedId]);
    await search(page, 'event:lead.created "brake inspection"', [wantedId]);

    const match = deliveryRow(page, wantedId).getByTestId('search-match');
    await match.locator('mark').first().waitFor();
    const marked = await match.locator('mark').allTextContents();
    expect(marked.join(' ').toLowerCase()).toContain('brake');
    expect(marked.join(' ').toLowerCase()).toContain('inspection');
    // The first hit starts inside the visible part of the row, not hidden behind the ellipsis.
    const [markBox, matchBox] = await Promise.all([match.locator('mark').first().boundingBox(), match.boundingBox()]);
    expect(markBox!.x + Math.min(markBox!.width, 30)).toBeLessThanOrEqual(matchBox!.x + matchBox!.width);
    // The payload's markup is shown as text, never parsed.
    expect(await match.textContent()).toContain('<img');
    expect(await match.locator('img').count()).toBe(0);

    await screenshot(page, 'scale-search-light');
    await page.getByRole('button', { name: 'syntax' }).click();
    const hint = page.getByRole('dialog', { name: 'Search syntax' });
    await hint.waitFor();
    expect(await hint.textContent()).toContain('status:5xx');
    expect(await hint.textContent()).toContain('event:lead.created');
    await screenshot(page, 'scale-search-syntax-light');
    await page.getByRole('button', { name: 'Close search syntax' }).click();
    await hint.waitFor({ state: 'detached' });

    await page.getByLabel('Search deliveries').fill('colour:red');
    const error = page.getByTestId('query-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Search: /);
    expect(await page.getByLabel('Search deliveries').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'scale-search-error-light');
    await search(page, 'event:lead.created', [apartId, wantedId]);
    await error.waitFor({ state: 'detached' });

    const { page: dark } = await e2e.openSignedIn({ colorScheme: 'dark' });
    await search(dark, 'event:lead.created "brake inspection"', [wantedId]);
    await deliveryRow(dark, wantedId).locator('mark').first().waitFor();
    await screenshot(dark, 'scale-search-dark');
    await dark.getByRole('button', { name: 'syntax' }).click();
    await dark.getByRole('dialog', { name: 'Search syntax' }).waitFor();
    await screenshot(dark, 'scale-search-syntax-dark');
    // A click outside closes it.
    await dark.locator('.deliveries-view__detail').click();
    await dark.getByRole('dialog', { name: 'Search syntax' }).waitFor({ state: 'detached' });
  });

  it('opens a 9 MiB JSON body without freezing the page, and "show all" gives the exact text', async () => {
    const engine = await e2e.start();
    const rows: unknown[] = [];
    let body = '';
    for (let i = 0; body.length < 9 * 1024 * 1024; i += 1) {
      rows.push({ id: i, customer: `customer ${i}`, note: 'n'.repeat(60), tags: ['brake', 'inspection'] });
      if (i % 5000 === 4999) body = JSON.stringify({ event: 'export.finished', data: { rows } });
    }
    const sent = await sendRawWebhook(engine.receiverHttp, { path: '/i/default/big', ...json({}), body });
    const id = sent.json.id!;
    expect(sent.status).toBe(200);

    const { page } = await e2e.openSignedIn({ colorScheme: 'light' });
    await openDelivery(page, id);
    await page.getByRole('tab', { name: /Body/ }).click();
    const view = page.getByTestId('request-body');
    await page.locator('[data-testid="request-body"][data-mode="json"] .cm-line').first().waitFor();
    const lines = Number(await view.getAttribute('data-lines'));
    expect(lines).toBeGreaterThan(rows.length * 5);
    // Only the lines in and near view are in the page.
    expect(await view.locator('.cm-line').count()).toBeLessThan(500);
    await screenshot(page, 'scale-big-body-light');

    // Still responsive: another tab answers a click at once.
    const started = Date.now();
    await page.getByRole('tab', { name: /Headers/ }).click();
    await page.getByRole('tab', { name: /Headers/, selected: true }).waitFor();
    expect(Date.now() - started).toBeLessThan(3_000);

    await page.getByRole('tab', { name: /Body/ }).click();
    await view.waitFor();
    await page.getByRole('radio', { name: 'Raw' }).click();
    await page.locator('[data-testid="request-body"][data-mode="raw"]').waitFor();
    expect(await view.locator('pre').evaluate((pre) => pre.textContent.length)).toBe(200_000);
    await view.getByRole('button', { name: /show all/ }).click();
    await page.waitForFunction(
      (length) => document.querySelector('[data-testid="request-body"] pre')?.textContent?.length === length,
      body.length,
      {
        timeout: 20_000,
      },
    );
    expect(await view.locator('pre').evaluate((pre, expected) => pre.textContent === expected, body)).toBe(true);
    const afterShowAll = Date.now();
    await page.getByRole('tab', { name: /Overview/ }).click();
    await page.getByRole('tab', { name: /Overview/, selected: true }).waitFor();
    expect(Date.now() - afterShowAll).toBeLessThan(3_000);

    const { page: dark } = await e2e.openSignedIn({ colorScheme: 'dark' });
    await openDelivery(dark, id);
    await dark.getByRole('tab', { name: /Body/ }).click();
    await dark.locator('[data-testid="request-body"] .cm-line').first().waitFor();
    await screenshot(dark, 'scale-big-body-dark');
  }, 90_000);

  it('pins a delivery, clears the inbox keeping the pin, and sets retention', async () => {
    const engine = await e2e.start();
    await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Shop', slug: 'shop' });
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const sent = await sendRawWebhook(engine.receiverHttp, { path: `/i/shop/orders/${n}`, ...json({ event: 'order.paid', order: n }) });
      ids.push(sent.json.id!);
    }
    const [first, second, third] = ids;
    const { page } = await e2e.openSignedIn({ colorScheme: 'light' });
    await waitForRows(page, [third, second, first]);

    await page.getByTestId('rate-toggle').click();
    await page.locator('[data-testid="rate-chart"][data-total="3"]').waitFor();

    await openDelivery(page, second);
    const pin = page.getByTestId('pin-button');
    expect(await pin.getAttribute('aria-pressed')).toBe('false');
    await pin.click();
    await page.locator('[data-testid="pin-button"][aria-pressed="true"]').waitFor();
    await deliveryRow(page, second).getByTestId('pin-marker').waitFor();
    expect(await deliveryRow(page, first).getByTestId('pin-marker').count()).toBe(0);
    await screenshot(page, 'scale-pinned-light');
    await screenshot(page, 'scale-rate-light');

    await page.getByRole('tab', { name: /Inboxes/ }).click();
    const card = page.locator('[data-testid="inbox-card"][data-inbox-slug="shop"]');
    await card.getByTestId('retention-summary').waitFor();
    expect(await card.getByTestId('retention-summary').textContent()).toContain('Keeps the newest 100,000');
    await page.getByTestId('storage-size').waitFor();
    await screenshot(page, 'scale-storage-light');
    expect(await page.getByTestId('storage-size').textContent()).toMatch(/Data on disk\s*\d[\d.]* (B|KiB|MiB|GiB)/);

    await card.getByRole('button', { name: 'Edit retention' }).click();
    await card.getByLabel('Max deliveries').fill('5000');
    await card.getByLabel('Max age (hours)').fill('72');
    await card.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-inbox-slug="shop"] [data-testid="retention-summary"]')
        ?.textContent?.includes('Keeps the newest 5,000 · removes those older than 3 days'),
    );
    const shop = await apiGet<Inbox>(engine, '/api/inboxes/shop');
    expect(shop.retention).toEqual({ max_count: 5000, max_age_hours: 72 });

    await card.getByRole('button', { name: 'Clear inbox' }).click();
    const confirm = card.getByRole('alertdialog', { name: 'Clear Shop?' });
    await confirm.waitFor();
    await screenshot(page, 'scale-inboxes-light');
    await confirm.getByRole('button', { name: 'Clear deliveries' }).click();
    await card.getByTestId('clear-result').waitFor();
    expect(await card.getByTestId('clear-result').textContent()).toBe('Removed 2 deliveries; kept 1 pinned.');
    expect((await listDeliveries(engine, '?inbox=shop')).items.map((item) => item.id)).toEqual([second]);
    await page.waitForFunction(() => document.querySelector('[data-inbox-slug="shop"] .inbox-card__count')?.textContent === '1 delivery');

    await page.getByRole('tab', { name: /Deliveries/ }).click();
    await waitForRows(page, [second]);

    await page.getByTestId('rate-toggle').click();
    await page.locator('[data-testid="rate-chart"][data-total="1"]').waitFor();

    const { page: dark } = await e2e.openSignedIn({ colorScheme: 'dark' });
    await dark.getByTestId('rate-toggle').click();
    await dark.locator('[data-testid="rate-chart"][data-total="1"]').waitFor();
    await screenshot(dark, 'scale-rate-dark');
    await dark.getByRole('tab', { name: /Inboxes/ }).click();
    const darkCard = dark.locator('[data-testid="inbox-card"][data-inbox-slug="shop"]');
    await darkCard.getByRole('button', { name: 'Clear inbox' }).click();
    await dark.getByTestId('storage-size').waitFor();
    await screenshot(dark, 'scale-inboxes-dark');
    await dark.getByTestId('inboxes-panel').evaluate((panel) => panel.scrollTo(0, 0));
    await screenshot(dark, 'scale-storage-dark');
  });
});
