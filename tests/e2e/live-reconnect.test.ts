import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { launchChromium, openWatchedPage, screenshot, type WatchedPage } from './support/browser.js';
import { startEngine, type RunningEngine } from './support/engine.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { deliveryRow, liveStatus, openSignedIn } from './support/ui.js';

describe('live feed', () => {
  let browser: Browser;
  let engines: RunningEngine[] = [];
  let watched: WatchedPage;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await watched?.context.close();
    for (const engine of engines) await engine.cleanup();
    engines = [];
  });

  it('shows "reconnecting" while the engine is down and resumes live delivery when it is back', async () => {
    const first = await startEngine();
    engines.push(first);
    watched = await openWatchedPage(browser, first.apiOrigin);
    const { page } = watched;
    await openSignedIn(page, first);
    const before = await sendRawWebhook(first.receiverHttp, { path: '/before', headers: [], body: 'a' });
    await deliveryRow(page, before.json.id!).waitFor();

    await first.stop();
    await liveStatus(page, 'reconnecting').waitFor();
    await screenshot(page, '12-reconnecting');

    // Same data dir and ports: same token, so the browser's session cookie still holds.
    const second = await startEngine({ dataDir: first.dataDir, apiPort: first.apiPort, httpPort: Number(new URL(first.receiverHttp).port) });
    engines.push(second);
    await liveStatus(page, 'live').waitFor({ timeout: 20_000 });
    const after = await sendRawWebhook(second.receiverHttp, { path: '/after', headers: [], body: 'b' });
    await deliveryRow(page, after.json.id!).waitFor();
    await deliveryRow(page, before.json.id!).waitFor();
  });
});
