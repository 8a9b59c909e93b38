import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { openDelivery, openSignedIn } from './support/ui.js';
import { useE2eSession } from './support/session.js';

describe('body views', () => {
  const e2e = useE2eSession();

  it('opens a binary body as a hex dump of the exact bytes', async () => {
    const engine = await e2e.start();
    const watched = await e2e.watch();
    const { page } = watched;
    await openSignedIn(page, engine);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const body = Buffer.concat([png, Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
    const sent = await sendRawWebhook(engine.receiverHttp, { path: '/upload.png', headers: [['Content-Type', 'image/png']], body });
    await openDelivery(page, sent.json.id!);
    await page.getByRole('tab', { name: /Body/ }).click();

    const view = page.getByTestId('request-body');
    expect(await view.getAttribute('data-mode')).toBe('hex');
    const lines = view.locator('.hex-view__line');
    await lines.first().waitFor();
    expect(await lines.first().locator('.hex-view__offset').textContent()).toBe('00000000');
    expect(await lines.first().locator('.hex-view__hex').textContent()).toBe('89 50 4e 47 0d 0a 1a 0a  00 01 02 03 04 05 06 07');
    expect(await lines.first().locator('.hex-view__ascii').textContent()).toBe('.PNG............');
    expect(await lines.nth(4).locator('.hex-view__hex').textContent()).toBe('38 39 3a 3b 3c 3d 3e 3f  40 41 42 43 44 45 46 47');
    expect(await lines.nth(4).locator('.hex-view__ascii').textContent()).toBe('89:;<=>?@ABCDEFG');
    expect(await lines.count()).toBe(Math.ceil(body.length / 16));
    await screenshot(page, '07-detail-body-hex');

    // Download saves the exact bytes under a name made of the id, the part and the type's extension.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('request-body-download').click()]);
    expect(download.suggestedFilename()).toBe(`${sent.json.id}-request.bin`);
    expect(readFileSync(await download.path()).equals(body)).toBe(true);
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('keeps a 4 MiB binary body responsive by rendering only the visible hex lines', async () => {
    const engine = await e2e.start();
    const watched = await e2e.watch();
    const { page } = watched;
    await openSignedIn(page, engine);

    const body = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < body.length; i += 1) body[i] = (i * 7 + 0x80) & 0xff;
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/big.bin',
      headers: [['Content-Type', 'application/octet-stream']],
      body,
    });
    await openDelivery(page, sent.json.id!);
    await page.getByRole('tab', { name: /Body/ }).click();
    const view = page.getByTestId('request-body');
    await view.locator('.hex-view__line').first().waitFor();
    expect(await view.locator('.hex-view__line').count()).toBeLessThan(200);

    // Scrolling to the end shows the last line, with its real offset.
    await view.getByTestId('hex-view').evaluate((element) => (element.scrollTop = element.scrollHeight));
    const lastOffset = (body.length - 16).toString(16).padStart(8, '0');
    await view.locator('.hex-view__offset', { hasText: lastOffset }).waitFor();
    expect(await view.locator('.hex-view__line').count()).toBeLessThan(200);
  });

  it('opens a 3 MiB text body as raw text cut at a cap, with "show all" giving the exact text', async () => {
    const engine = await e2e.start();
    const watched = await e2e.watch();
    const { page } = watched;
    await openSignedIn(page, engine);

    const line = '{"row":"' + 'x'.repeat(90) + '"}\n';
    const body = line.repeat(Math.ceil((3 * 1024 * 1024) / line.length));
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/export.ndjson',
      headers: [['Content-Type', 'application/x-ndjson']],
      body,
    });
    await openDelivery(page, sent.json.id!);
    await page.getByRole('tab', { name: /Body/ }).click();
    const view = page.getByTestId('request-body');
    // Past the record's inline limit, the body is fetched when the tab shows.
    await page.locator('[data-testid="request-body"][data-mode="raw"]').waitFor();
    expect(await view.locator('pre').evaluate((pre) => pre.textContent.length)).toBe(200_000);
    await view.getByRole('button', { name: /show all/ }).click();
    await page.waitForFunction(
      (length) => document.querySelector('[data-testid="request-body"] pre')?.textContent?.length === length,
      body.length,
    );
    expect(await view.locator('pre').evaluate((pre, expected) => pre.textContent === expected, body)).toBe(true);
  });
});
