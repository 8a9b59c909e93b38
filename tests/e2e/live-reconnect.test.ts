import { describe, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, liveStatus } from './support/ui.js';

describe('live feed', () => {
  const e2e = useE2eSession();

  it('shows "reconnecting" while the engine is down and resumes live delivery when it is back', async () => {
    const first = await e2e.start();
    const { page } = await e2e.openSignedIn();
    const before = await sendRawWebhook(first.receiverHttp, { path: '/before', headers: [], body: 'a' });
    await deliveryRow(page, before.json.id!).waitFor();

    await first.stop();
    await liveStatus(page, 'reconnecting').waitFor();
    await screenshot(page, '12-reconnecting');

    // Same data dir and ports: same token, so the browser's session cookie still holds.
    const second = await e2e.start({ dataDir: first.dataDir, apiPort: first.apiPort, httpPort: Number(new URL(first.receiverHttp).port) });
    await liveStatus(page, 'live').waitFor({ timeout: 20_000 });
    const after = await sendRawWebhook(second.receiverHttp, { path: '/after', headers: [], body: 'b' });
    await deliveryRow(page, after.json.id!).waitFor();
    await deliveryRow(page, before.json.id!).waitFor();
  });
});
