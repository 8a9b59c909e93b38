import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiPost } from './support/api.js';
import { screenshot } from './support/browser.js';
import { useE2eSession } from './support/session.js';

describe('storage full, in the UI', () => {
  const e2e = useE2eSession({ expectSafePages: true });

  it('says storage is full and what to do while requests are refused, and clears once a request fits again', async () => {
    // Test-only limit on the store's growth (README, Tests): a real engine runs out of room.
    const engine = await e2e.start({ env: { HOOKBENCH_TEST_SPARE_PAGES: '60' } });
    const { page } = await e2e.openSignedIn();
    const banner = page.getByTestId('storage-banner');
    expect(await banner.count()).toBe(0);

    let status = 200;
    for (let i = 0; status === 200; i++) {
      if (i === 200) throw new Error('the store never filled up');
      status = (await fetch(`${engine.receiverHttp}/fill/${i}`, { method: 'POST', body: randomBytes(8_000).toString('base64') })).status;
    }
    expect(status).toBe(503);
    await banner.waitFor();
    expect(await banner.getAttribute('data-state')).toBe('full');
    expect(await banner.getByRole('heading').textContent()).toMatch(/^Storage full/);
    expect(await banner.textContent()).toMatch(/Free disk space.*receiving resumes by itself/);
    await screenshot(page, 'storage-full-banner');

    await apiPost(engine, '/api/inboxes/default/clear', {});
    expect((await fetch(`${engine.receiverHttp}/after`, { method: 'POST', body: 'fits' })).status).toBe(200);
    await banner.waitFor({ state: 'detached' });
  });
});
