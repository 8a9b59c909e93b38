import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../shared/api/tunnel-routes.js';
import type { Relay } from '../../electron/relay/relay-server.js';
import { startTestRelay, TOKEN_A } from '../tunnel/support/relay-fixture.js';
import { apiGet, getDelivery } from './support/api.js';
import { SHOTS_DIR } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow } from './support/ui.js';

/** The top-right corner: the pill and, when open, its panel. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, clip: { x: 1440 - 760, y: 0, width: 760, height: 460 } });
}

const pill = (page: Page, status: TunnelStatus['status']) => page.locator(`[data-testid="tunnel-pill"][data-status="${status}"]`);
/** The engine's status once it is in `state` (a retrying tunnel passes through several). */
async function tunnelWhen(engine: RunningEngine, state: TunnelStatus['status']): Promise<TunnelStatus> {
  for (let asked = 0; asked < 1_000; asked += 1) {
    const status = await apiGet<TunnelStatus>(engine, '/api/tunnel');
    if (status.status === state) return status;
  }
  throw new Error(`The tunnel never reported ${state}.`);
}

/** Online and proven by a probe: the only state the pill shows green. */
const provenOnline = (page: Page) => page.locator('[data-testid="tunnel-pill"][data-status="online"][data-tone="online"]');

describe('tunnel UI', () => {
  const e2e = useE2eSession();
  let relay: Relay;

  beforeAll(async () => {
    relay = await startTestRelay();
  });
  afterAll(async () => {
    await relay?.close();
  });

  it('connects to the relay from the panel, shows the public URL everywhere, takes a webhook through it, and disconnects', async () => {
    const engine = await e2e.start();
    const { page, safety } = await e2e.openSignedIn();
    await pill(page, 'offline').waitFor();
    await page.getByTestId('empty-inbox').waitFor();
    expect(await page.getByTestId('receiver-url-tunnel').count()).toBe(0);

    // A refused token: the engine's own error, word for word; the token is never shown back.
    await page.getByTestId('tunnel-pill').click();
    const panel = page.getByTestId('tunnel-panel');
    await panel.waitFor();
    await panel.locator('[data-testid="tunnel-provider"][data-provider="relay"]').getByRole('radio').check();
    await panel.getByLabel('Relay URL').fill(relay.url);
    await panel.getByLabel('Token').fill('wrong-token-0123456789abcdef');
    expect(await panel.getByLabel('Token').getAttribute('type')).toBe('password');
    await page.getByTestId('tunnel-connect').click();
    await pill(page, 'reconnecting').waitFor();
    const refused = await tunnelWhen(engine, 'reconnecting');
    expect(refused.error).not.toBeNull();
    // Each retry runs as its own attempt: wait for the error shown in the engine's words, and the pill's countdown.
    await page.waitForFunction(
      ({ code, message }) => {
        const shown = document.querySelector(`[data-testid="tunnel-error"][data-code="${code}"]`);
        return shown?.textContent?.includes(message) ?? false;
      },
      { code: refused.error!.code, message: refused.error!.message },
    );
    await page.waitForFunction(() =>
      /Relay (retrying( in [\d.]+[sm]| now|…)|reconnecting…)/.test(
        document.querySelector('[data-testid="tunnel-pill"]')?.textContent ?? '',
      ),
    );
    expect(await panel.getByLabel('Token').inputValue()).toBe('');
    await page.getByTestId('tunnel-pill').focus();
    await shot(page, 'tunnel-refused-light');

    // The right token: online, with the public URL in the pill and the panel.
    await panel.getByLabel('Token').fill(TOKEN_A);
    await page.getByTestId('tunnel-connect').click();
    await provenOnline(page).waitFor();
    const online = await apiGet<TunnelStatus>(engine, '/api/tunnel');
    expect(online.status).toBe('online');
    expect(online.url).toMatch(new RegExp(`^${relay.url}/t/`));
    await page.getByTestId('tunnel-public-url').filter({ hasText: online.url! }).waitFor();
    expect(await page.getByTestId('tunnel-pill-url').textContent()).toBe(online.url!.replace(/^https?:\/\//, ''));
    expect(await page.getByTestId('tunnel-error').count()).toBe(0);
    expect(await page.content()).not.toContain(TOKEN_A);
    await shot(page, 'tunnel-panel-online-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'tunnel-panel-online-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // The empty state and the inbox card pick up the inbox's tunnel URL without a reload.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    const inboxes = await apiGet<{ items: Array<{ slug: string; urls: { tunnel: string | null } }> }>(engine, '/api/inboxes');
    const defaultTunnelUrl = inboxes.items.find((inbox) => inbox.slug === 'default')!.urls.tunnel!;
    expect(defaultTunnelUrl.startsWith(online.url!)).toBe(true);
    await page.getByTestId('empty-inbox').getByTestId('receiver-url-tunnel').filter({ hasText: defaultTunnelUrl }).waitFor();
    await shot(page, 'tunnel-pill-online-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'tunnel-pill-online-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('tab', { name: /Inboxes/ }).click();
    const card = page.locator('[data-testid="inbox-card"][data-inbox-slug="default"]');
    await card.getByTestId('receiver-url-tunnel').filter({ hasText: defaultTunnelUrl }).waitFor();
    await page.getByRole('tab', { name: /Deliveries/ }).click();

    // A webhook to the public URL lands in the list, marked as arrived through the tunnel.
    const response = await fetch(`${defaultTunnelUrl.replace(/\/$/, '')}/orders?via=relay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ order: 42 }),
    });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    const row = deliveryRow(page, id);
    await row.waitFor();
    await row.getByTestId('via-tunnel').waitFor();
    expect(await row.textContent()).toContain('/orders?via=relay');
    expect(await row.getByTestId('via-tunnel').textContent()).toBe('relay');
    expect(await getDelivery(engine, id)).toMatchObject({ via: 'tunnel', tunnel_provider: 'relay' });

    // Disconnect: offline again, and the tunnel URLs go away.
    await page.getByTestId('tunnel-pill').click();
    await page.getByTestId('tunnel-disconnect').click();
    await pill(page, 'offline').waitFor();
    expect((await apiGet<TunnelStatus>(engine, '/api/tunnel')).status).toBe('offline');
    await page.getByTestId('tunnel-pill-url').waitFor({ state: 'detached' });
    await page.getByTestId('tunnel-public-url').waitFor({ state: 'detached' });
    await shot(page, 'tunnel-panel-offline-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'tunnel-panel-offline-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /Inboxes/ }).click();
    await card.waitFor();
    await card.getByTestId('receiver-url-tunnel').waitFor({ state: 'detached' });

    expect(safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });
});
