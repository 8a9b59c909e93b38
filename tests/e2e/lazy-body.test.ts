import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CALL_COMPLETED_SAMPLE } from '../../shared/inboundflow/samples.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { INLINE_BODY_LIMIT } from '../../renderer/src/model/delivery/delivery-records.js';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { openDelivery, openSignedIn } from './support/ui.js';
import { useE2eSession } from './support/session.js';

const SECRET = 'whsec_lazy_body_1';

/** Sizes of the answers to the record request and to the body request of one delivery, as the page received them. */
function watchDeliveryRequests(page: Page, id: string) {
  const record: Promise<number>[] = [];
  const body: Promise<number>[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname === `/api/deliveries/${id}`) record.push(response.body().then((bytes) => bytes.byteLength));
    // Content-Length, since a body request the test routed through does not hand its bytes to Playwright.
    if (url.pathname === `/api/deliveries/${id}/body` && response.status() === 200)
      body.push(response.headerValue('content-length').then(Number));
  });
  return { record: () => Promise.all(record), body: () => Promise.all(body), bodyRequests: () => body.length };
}

describe('large bodies load lazily', () => {
  const e2e = useE2eSession({ expectSafePages: true });
  /** Lets a held body request go; called on cleanup too, so a failed test does not leave it hanging. */
  let release = () => {};
  // Registered after the session's hooks, so it runs before them: the held request goes before the page closes.
  afterEach(() => release());

  it('opens a 9 MiB JSON delivery from a small record, then fetches the raw body when the Body tab shows it', async () => {
    const engine = await e2e.start();
    const rows: unknown[] = [];
    for (let size = 0; size < 9 * 1024 * 1024;) {
      const row = { id: rows.length, customer: `customer ${rows.length}`, note: 'n'.repeat(60) };
      rows.push(row);
      size += JSON.stringify(row).length + 1;
    }
    const body = JSON.stringify({ event: 'export.finished', data: { rows } });
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/big',
      headers: [['Content-Type', 'application/json']],
      body,
    });
    const id = sent.json.id!;

    const watched = await e2e.watch();
    const { page } = watched;
    const sizes = watchDeliveryRequests(page, id);
    // The first body request is held, then failed, to show the loading and error states; the retry goes through.
    let bodyCalls = 0;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === `/api/deliveries/${id}/body`,
      async (route) => {
        bodyCalls += 1;
        if (bodyCalls > 1) return route.continue();
        await held;
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'busy', message: 'The engine is busy.' }),
        });
      },
    );
    await openSignedIn(page, engine);
    await openDelivery(page, id);

    // Header, overview and headers show from the record alone, which carries no body data.
    await page.getByTestId('detail-path').waitFor();
    expect(await page.getByTestId('detail-path').textContent()).toBe('/i/default/big');
    await page.getByTestId('delivery-facts').waitFor();
    expect(await page.getByTestId('delivery-facts').textContent()).toContain('the Body tab loads it');
    await page.getByRole('tab', { name: /Headers/ }).click();
    await page.getByRole('tab', { name: /Headers/, selected: true }).waitFor();
    const [recordSize] = await sizes.record();
    expect(recordSize).toBeLessThan(INLINE_BODY_LIMIT);
    expect(bodyCalls).toBe(0);

    await page.getByRole('tab', { name: /Body/ }).click();
    const loading = page.locator('[data-testid="request-body"][data-mode="loading"]');
    await loading.waitFor();
    expect(await loading.textContent()).toContain(`${Buffer.byteLength(body).toLocaleString('en-US')} bytes`);
    await screenshot(page, 'lazy-body-loading');
    release();

    const failed = page.locator('[data-testid="request-body"][data-mode="error"]');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('The engine is busy.');
    await screenshot(page, 'lazy-body-error');
    await failed.getByRole('button', { name: 'Try again' }).click();

    const view = page.locator('[data-testid="request-body"][data-mode="json"]');
    await view.locator('.cm-line').first().waitFor({ timeout: 20_000 });
    expect(await sizes.body()).toEqual([Buffer.byteLength(body)]);
    const lines = Number(await view.getAttribute('data-lines'));
    expect(lines).toBeGreaterThan(rows.length * 4);
    expect(await view.locator('.cm-line').count()).toBeLessThan(500);
    await screenshot(page, 'lazy-body');

    // It scrolls to the very end, still rendering only what is near the view.
    await view.locator('.cm-scroller').evaluate((element) => (element.scrollTop = element.scrollHeight));
    await view.locator('.cm-lineNumbers .cm-gutterElement', { hasText: new RegExp(`^${lines}$`) }).waitFor();
    expect(await view.locator('.cm-line').count()).toBeLessThan(500);

    // Back to the tab: the fetched body is kept, not fetched again.
    await page.getByRole('tab', { name: /Overview/ }).click();
    await page.getByRole('tab', { name: /Body/ }).click();
    await page.locator('[data-testid="request-body"][data-mode="json"] .cm-line').first().waitFor();
    expect(bodyCalls).toBe(2);
  }, 90_000);

  it('fetches a deferred body for the event card, copy as curl, the secret check and the replay body editor', async () => {
    const engine = await e2e.start();
    const marker = 'END-OF-TRANSCRIPT-7f3a';
    const envelope = { ...CALL_COMPLETED_SAMPLE, data: { ...CALL_COMPLETED_SAMPLE.data, transcript: `${'la '.repeat(120_000)}${marker}` } };
    const body = JSON.stringify(envelope);
    expect(Buffer.byteLength(body)).toBeGreaterThan(INLINE_BODY_LIMIT);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/webhooks/inboundflow',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-InboundFlow-Event', 'call.completed'],
        ['X-InboundFlow-Timestamp', timestamp],
        ['X-InboundFlow-Signature', sign(SECRET, timestamp, body)],
      ],
      body,
    });
    const id = sent.json.id!;

    const watched = await e2e.watch({ clipboard: true });
    const { page } = watched;
    const sizes = watchDeliveryRequests(page, id);
    await openSignedIn(page, engine);
    await openDelivery(page, id);

    // The Overview reads the event from the fetched body.
    await page.getByTestId('inboundflow-card').waitFor();
    expect(await page.getByTestId('inboundflow-card').textContent()).toContain('Dave');
    expect((await sizes.record())[0]).toBeLessThan(INLINE_BODY_LIMIT);
    expect(sizes.bodyRequests()).toBe(1);

    await page.getByTestId('copy-curl').click();
    await page.locator('[data-testid="copy-curl"][data-copy-state="copied"]').waitFor();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain(marker);

    // The inbox has no secret: the signature tab offers to try one against the exact body.
    await page.getByRole('tab', { name: /^Signature/ }).click();
    const panel = page.getByTestId('secret-panel');
    await panel.getByLabel('Signing secret', { exact: true }).fill(SECRET);
    await panel.getByRole('button', { name: 'Check against this delivery' }).click();
    await panel.locator('[data-testid="secret-trial"][data-outcome="match"]').waitFor();

    await page.getByTestId('replay-open-dialog').click();
    const dialog = page.getByTestId('replay-dialog');
    await dialog.getByLabel('Edit body').check();
    const editor = dialog.getByLabel('Replay body');
    await editor.waitFor();
    // The editor lays out only part of a 360,000-character line, so read what it holds by copying all of it.
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('ControlOrMeta+c');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(body);
    expect(sizes.bodyRequests()).toBe(1);
  }, 60_000);
});
