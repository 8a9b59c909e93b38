import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { codeText, openDelivery, openSignedIn } from './support/ui.js';
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

  it('says the body viewer could not be loaded, and a reload brings it back, when the engine no longer serves its code', async () => {
    const engine = await e2e.start();
    const watched = await e2e.watch();
    const { page } = watched;
    // As when the app was rebuilt while the page stayed open: the code view's chunks are gone.
    const codeChunks = /\/assets\/(Json)?Code(View|Editor)-[^/]*\.js$/;
    await page.route(codeChunks, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    await openSignedIn(page, engine);
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/orders',
      headers: [['Content-Type', 'application/json']],
      body: '{"order":42}',
    });
    await openDelivery(page, sent.json.id!);
    await page.getByRole('tab', { name: /Body/ }).click();
    const failed = page
      .getByTestId('request-body')
      .getByRole('status')
      .filter({ hasText: 'The viewer could not be loaded from the engine.' });
    await failed.waitFor();

    await page.unroute(codeChunks);
    await failed.getByRole('button', { name: 'Reload the page' }).click();
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    await openDelivery(page, sent.json.id!);
    await page.getByRole('tab', { name: /Body/ }).click();
    await page.locator('[data-testid="request-body"] .cm-line').first().waitFor();
    expect(await codeText(page.getByTestId('request-body'))).toBe('{\n  "order": 42\n}');
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

describe('CodeMirror under the page CSP', () => {
  const e2e = useE2eSession({ expectSafePages: true });

  it('styles and colours a JSON body under the unchanged policy, with no CSP report', async () => {
    const engine = await e2e.start();
    const { page } = await e2e.openSignedIn();
    const reports: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) reports.push(message.text());
    });
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy: ${event.violatedDirective}`)),
    );
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/orders',
      headers: [['Content-Type', 'application/json']],
      body: '{"order":{"id":42,"paid":true,"note":null},"order":"again"}',
    });
    await openDelivery(page, sent.json.id!);
    await page.getByRole('tab', { name: /Body/ }).click();
    const view = page.locator('[data-testid="request-body"][data-mode="json"]');
    await view.locator('.cm-line').first().waitFor();

    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self';");
    // The policy is the one the page always had: scripts only from the engine, styles from it and inline (CodeMirror's
    // one <style> element, which it fills itself: webhook content only ever becomes text nodes).
    expect(csp).toContain("style-src 'self' 'unsafe-inline';");
    expect(csp).not.toContain('unsafe-eval');
    const styleTags = await page.evaluate(() => [...document.querySelectorAll('style')].map((style) => style.textContent ?? ''));
    expect(styleTags).toHaveLength(1);
    expect(styleTags[0]).toContain('.cm-scroller');
    const keyColour = await view
      .getByText('"order"')
      .first()
      .evaluate((node) => getComputedStyle(node).color);
    const themeKey = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--syntax-key').trim());
    expect(keyColour).toBe(`rgb(${[1, 3, 5].map((i) => parseInt(themeKey.slice(i, i + 2), 16)).join(', ')})`);

    // Folding, line numbers and the duplicate key, marked as such.
    expect(await view.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^7$/ }).count()).toBe(1);
    await view.locator('.cm-lintRange-warning').first().waitFor();
    await view.locator('.code-fold-marker', { hasText: '▾' }).nth(1).click();
    await view.locator('.cm-foldPlaceholder').waitFor();
    expect(await codeText(view)).toBe('{\n  "order": {…},\n  "order": "again"\n}');

    // Search: Ctrl/Cmd-F in the view opens CodeMirror's panel, and finds the text.
    await view.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+f');
    await view.getByRole('textbox', { name: 'Find' }).fill('again');
    await page.keyboard.press('Enter');
    await view.locator('.cm-searchMatch').first().waitFor();
    await screenshot(page, 'body-json-codemirror');
    expect(reports).toEqual([]);
  });
});
