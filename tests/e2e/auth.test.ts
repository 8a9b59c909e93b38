import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, liveStatus } from './support/ui.js';

const SECRET_PATH = '/i/default/very-private-customer-data';

describe('signing in', () => {
  const e2e = useE2eSession();

  it('without the token shows how to open the printed URL and no data', async () => {
    const engine = await e2e.start();
    await sendRawWebhook(engine.receiverHttp, { path: SECRET_PATH, headers: [['Content-Type', 'text/plain']], body: 'secret' });
    const watched = await e2e.watch();
    const { page } = watched;

    await page.goto(`${engine.apiOrigin}/`);
    await page.getByTestId('unauthorized').waitFor();
    // It names the command that was run, as code (no literal backticks), and the link's real form on this engine's port.
    expect(await page.getByRole('heading').textContent()).toBe('Open the link printed by hookbench serve');
    expect(await page.getByRole('heading').locator('code').textContent()).toBe('hookbench serve');
    expect(await page.getByTestId('unauthorized-example').textContent()).toBe(`hookbench serve\n  Inbox UI   ${engine.apiOrigin}/#token=…`);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('very-private');
    expect(text).not.toContain(engine.receiverHttp);
    expect(await page.locator('[role="row"]').count()).toBe(0);
    await screenshot(page, '11-unauthorized');

    // A wrong token is no better, and it is taken out of the address bar all the same.
    await page.goto(`${engine.apiOrigin}/#token=not-the-token`);
    await page.getByTestId('unauthorized').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('body').innerText()).not.toContain('very-private');

    // Opening the printed link in this same tab changes only the hash (no reload) and must still sign in.
    await page.goto(engine.uiUrl);
    await liveStatus(page, 'live').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await page.locator('[role="row"]').first().waitFor();
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('trades the token for a session cookie, drops it from the address, and stays signed in on reload', async () => {
    const engine = await e2e.start();
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: SECRET_PATH,
      headers: [['Content-Type', 'text/plain']],
      body: 'secret',
    });
    const watched = await e2e.openSignedIn();
    const { page, context } = watched;

    expect(page.url()).toBe(`${engine.apiOrigin}/`);
    await deliveryRow(page, sent.json.id!).waitFor();
    const cookies = await context.cookies(engine.apiOrigin);
    expect(cookies.map((c) => ({ httpOnly: c.httpOnly, sameSite: c.sameSite }))).toEqual([{ httpOnly: true, sameSite: 'Strict' }]);
    expect(cookies[0].value).not.toContain(engine.token);

    await page.reload();
    await liveStatus(page, 'live').waitFor();
    await deliveryRow(page, sent.json.id!).waitFor();
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });
});
