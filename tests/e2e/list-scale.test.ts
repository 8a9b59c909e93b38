import { describe, expect, it } from 'vitest';
import { screenshot, type WatchedPage } from './support/browser.js';
import { sendMany } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';

const webhook = (n: number) => ({
  path: `/i/default/burst/${n}`,
  headers: [['Content-Type', 'application/json']] as [string, string][],
  body: JSON.stringify({ event: n % 2 ? 'call.completed' : 'lead.created', data: { n } }),
});

async function footerCount(page: WatchedPage['page'], count: number, more: boolean): Promise<void> {
  const text = `${count.toLocaleString('en-US')} deliveries${more ? ' · more below' : ''}`;
  await page.locator('.delivery-list__footer').getByText(text, { exact: true }).waitFor({ timeout: 20_000 });
}

describe('list at scale', () => {
  const e2e = useE2eSession();

  it('takes a burst of 1,500 live deliveries while rendering only the rows in view', async () => {
    const engine = await e2e.start();
    const watched = await e2e.openSignedIn();
    const { page } = watched;

    await sendMany(engine.receiverHttp, 1500, webhook);
    await footerCount(page, 1500, false);
    expect(await page.locator('[role="row"]').count()).toBeLessThan(80);
    const top = await page.locator('[role="row"]').first().getAttribute('data-delivery-id');
    expect(top).toBeTruthy();
    await screenshot(page, '18-list-after-burst');
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('pages older deliveries in by cursor as the list scrolls, and keeps the reader in place when new ones arrive', async () => {
    const engine = await e2e.start();
    await sendMany(engine.receiverHttp, 260, webhook);
    const { page } = await e2e.openSignedIn();
    await footerCount(page, 100, true);

    const list = page.getByTestId('delivery-list');
    for (const loaded of [200, 260]) {
      await list.evaluate((element) => (element.scrollTop = element.scrollHeight));
      await footerCount(page, loaded, loaded < 260);
    }
    expect(await page.locator('[role="row"]').count()).toBeLessThan(80);
    await page.locator('[role="row"]', { hasText: '/i/default/burst/' }).last().waitFor();

    // Scrolled down, a new arrival must not shift what is on screen.
    await list.evaluate((element) => (element.scrollTop = 3200));
    const rowAtTop = () =>
      page.evaluate(() => {
        const box = document.querySelector('[data-testid="delivery-list"]')!.getBoundingClientRect();
        return (
          document
            .elementFromPoint(box.left + 40, box.top + 2)
            ?.closest('[role="row"]')
            ?.getAttribute('data-delivery-id') ?? null
        );
      });
    // The virtualizer renders the rows for the new position on the scroll event; wait for them.
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="delivery-list"]')!.getBoundingClientRect();
      const row = document.elementFromPoint(box.left + 40, box.top + 2)?.closest('[role="row"]');
      return row?.textContent?.includes('/burst/');
    });
    const before = await rowAtTop();
    expect(before).toBeTruthy();
    await sendMany(engine.receiverHttp, 3, (n) => webhook(1000 + n));
    await footerCount(page, 263, false);
    expect(await rowAtTop()).toBe(before);
  });
});
