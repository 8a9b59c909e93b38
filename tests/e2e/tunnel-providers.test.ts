import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import type { TunnelSettingsView, TunnelStatus } from '../../shared/api/tunnel-routes.js';
import { startLocaltunnelServer, type LocaltunnelServer } from '../tunnel/support/localtunnel-server.js';
import { apiGet, getDelivery } from './support/api.js';
import { SHOTS_DIR } from './support/browser.js';
import { textContrast } from './support/contrast.js';
import type { RunningEngine } from './support/engine.js';
import { useE2eSession } from './support/session.js';
import { deliveryRow, openDelivery } from './support/ui.js';

const FAKE_CLOUDFLARED = resolve(import.meta.dirname, '../tunnel/support/fake-cloudflared/cloudflared');

/** The top-right corner, where the pill and its panel are (or the whole page); light, then dark, the pill readable in both. */
async function shots(page: Page, name: string, { whole = false } = {}): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await textContrast(page.getByTestId('tunnel-pill')), `pill text contrast (${name}, ${scheme})`).toBeGreaterThanOrEqual(4.5);
    const clip = whole ? undefined : { x: 1440 - 760, y: 0, width: 760, height: 900 };
    await page.screenshot({ path: `${SHOTS_DIR}/tunnel-${name}-${scheme}.png`, clip });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const pill = (page: Page, status: TunnelStatus['status'], tone?: string) =>
  page.locator(`[data-testid="tunnel-pill"][data-status="${status}"]${tone ? `[data-tone="${tone}"]` : ''}`);
const provider = (panel: Locator, name: string) => panel.locator(`[data-testid="tunnel-provider"][data-provider="${name}"]`);

async function defaultInbox(engine: RunningEngine): Promise<Inbox> {
  const { items } = await apiGet<{ items: Inbox[] }>(engine, '/api/inboxes');
  return items.find((inbox) => inbox.slug === 'default')!;
}

describe('tunnel providers in the UI', () => {
  const e2e = useE2eSession({ expectSafePages: true });
  let lt: LocaltunnelServer | undefined;
  afterEach(async () => {
    await lt?.stop();
    lt = undefined;
  });

  it('connects through localtunnel from the empty inbox, proves it with a probe, and tags what arrives with the provider', async () => {
    lt = await startLocaltunnelServer();
    const engine = await e2e.start();
    const { page } = await e2e.openSignedIn();
    await pill(page, 'offline').waitFor();

    // The empty inbox leads to the panel with Cloudflare, the provider that needs no account, picked.
    await page.getByTestId('get-public-url').waitFor();
    expect(await page.getByTestId('get-public-url').locator('h3').textContent()).toBe('Get a public URL: Cloudflare, no account needed');
    await shots(page, 'empty-inbox', { whole: true });
    await page.getByTestId('get-public-url-open').click();
    const panel = page.getByTestId('tunnel-panel');
    await panel.waitFor();
    expect(await provider(panel, 'cloudflare').getAttribute('data-picked')).toBe('true');
    expect(await panel.getByTestId('cloudflare-limits').textContent()).toContain('200 requests in flight');
    expect(
      await panel.getByTestId('tunnel-provider').evaluateAll((items) => items.map((item) => item.getAttribute('data-provider'))),
    ).toEqual(['cloudflare', 'ngrok', 'localtunnel', 'relay']);
    await shots(page, 'panel-offline');

    // localtunnel against the stand-in server, in one click.
    await provider(panel, 'localtunnel').getByRole('radio').check();
    await panel.getByLabel('Host', { exact: true }).fill(lt.url);
    await panel.getByLabel('Subdomain', { exact: true }).fill('');
    await page.getByTestId('tunnel-connect').click();
    await pill(page, 'online', 'online').waitFor();
    const online = await apiGet<TunnelStatus>(engine, '/api/tunnel');
    expect(online).toMatchObject({ provider: 'localtunnel', status: 'online', probe: { ok: true } });
    const card = panel.getByTestId('tunnel-status-card');
    expect(await card.getAttribute('data-tone')).toBe('online');
    expect(await card.getByTestId('tunnel-public-url').textContent()).toBe(online.url);
    expect(await card.getByTestId('tunnel-probe').getAttribute('data-ok')).toBe('true');
    expect(await card.getByTestId('tunnel-probe-result').textContent()).toMatch(/^\d+(\.\d)? m?s round trip$/);
    expect(await card.getByTestId('tunnel-probe-when').locator('time').getAttribute('datetime')).toBe(online.probe!.at);
    await shots(page, 'panel-online');

    // Probe now: a new probe, shown with its own time.
    await card.getByTestId('tunnel-probe-now').click();
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="tunnel-probe-when"] time')?.getAttribute('datetime') !== before,
      online.probe!.at,
    );
    const probed = await apiGet<TunnelStatus>(engine, '/api/tunnel');
    expect(Date.parse(probed.probe!.at)).toBeGreaterThan(Date.parse(online.probe!.at));

    // Every inbox's public URL, and the settings remembered (host kept, the granted subdomain asked for again).
    const inbox = await defaultInbox(engine);
    expect(inbox.urls.tunnel?.startsWith(online.url!)).toBe(true);
    await panel.locator('[data-testid="tunnel-inbox-url"][data-inbox-slug="default"]').getByText(inbox.urls.tunnel!).waitFor();
    const settings = await apiGet<TunnelSettingsView>(engine, '/api/tunnel/settings');
    expect(settings).toMatchObject({ provider: 'localtunnel', localtunnel: { host: lt.url } });

    // A webhook through the public URL arrives tagged with the provider, its sender address labelled as reported by it.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    const response = await fetch(`${inbox.urls.tunnel!.replace(/\/$/, '')}/orders?via=localtunnel`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ order: 42 }),
    });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    const tag = deliveryRow(page, id).getByTestId('via-tunnel');
    await tag.waitFor();
    expect(await tag.textContent()).toBe('localtunnel');
    expect(await tag.getAttribute('data-provider')).toBe('localtunnel');
    const record = await getDelivery(engine, id);
    expect(record).toMatchObject({ via: 'tunnel', tunnel_provider: 'localtunnel' });
    await openDelivery(page, id);
    expect(await page.getByTestId('delivery-via').textContent()).toBe('Through the tunnel: localtunnel');
    expect(await page.getByTestId('sender-address').textContent()).toBe(record.remote_address);
    expect(await page.getByTestId('sender-address-source').textContent()).toContain('as reported by localtunnel (X-Forwarded-For)');
    await page.screenshot({ path: `${SHOTS_DIR}/tunnel-delivery-detail-light.png` });

    // A reload remembers the choice and its settings.
    await page.reload();
    await pill(page, 'online', 'online').waitFor();
    await page.getByTestId('tunnel-pill').click();
    await panel.waitFor();
    expect(await provider(panel, 'localtunnel').getAttribute('data-picked')).toBe('true');
    expect(await panel.getByLabel('Host', { exact: true }).inputValue()).toBe(lt.url);
    expect(await panel.getByLabel('Subdomain', { exact: true }).inputValue()).toBe(online.tunnel_id);

    // The server goes away: reconnecting, never green, with its next attempt; back online on the same URL when it returns.
    await lt.stop();
    await pill(page, 'reconnecting', 'warning').waitFor({ timeout: 45_000 });
    await card.getByTestId('tunnel-error').waitFor();
    await shots(page, 'panel-reconnecting');
    await lt.restart();
    await pill(page, 'online', 'online').waitFor({ timeout: 45_000 });
    expect((await apiGet<TunnelStatus>(engine, '/api/tunnel')).url).toBe(online.url);

    await page.getByTestId('tunnel-disconnect').click();
    await pill(page, 'offline').waitFor();
    await page.getByTestId('tunnel-public-url').waitFor({ state: 'detached' });
  }, 120_000);

  it('says what is missing when cloudflared is not found: the install line and the download', async () => {
    // The download goes to a loopback stand-in of the release server that serves the wrong bytes, so this test never
    // reaches the internet and always sees the checksum refusal; the right-checksum path is the provider's own test.
    const releases = createServer((_request, response) => response.end('not cloudflared'));
    await new Promise<void>((done) => releases.listen(0, '127.0.0.1', done));
    onTestFinished(() => new Promise<void>((done) => releases.close(() => done())));
    const releasesUrl = `http://127.0.0.1:${(releases.address() as AddressInfo).port}`;
    const engine = await e2e.start({ env: { HOOKBENCH_CLOUDFLARED_DOWNLOAD_URL: releasesUrl } });
    const { page } = await e2e.openSignedIn();
    await page.getByTestId('get-public-url-open').click();
    const panel = page.getByTestId('tunnel-panel');
    const settings = await apiGet<TunnelSettingsView>(engine, '/api/tunnel/settings');
    expect(settings.cloudflare.found).toBeNull();
    await panel.getByTestId('cloudflared-missing').waitFor();

    await page.getByTestId('tunnel-connect').click();
    await pill(page, 'failed', 'danger').waitFor();
    const failed = await apiGet<TunnelStatus>(engine, '/api/tunnel');
    expect(failed.error?.code).toBe('cloudflared_not_found');
    const card = panel.getByTestId('tunnel-status-card');
    expect(await card.getByTestId('tunnel-error').textContent()).toBe(failed.error!.message);
    expect(await card.getByTestId('tunnel-error-fix').textContent()).toBe(`Fix: ${failed.error!.fix}`);
    // Shown once: the status card carries the download now, the fields no longer repeat it.
    expect(await panel.getByTestId('cloudflared-missing').count()).toBe(0);
    expect(await card.getByTestId('tunnel-download-cloudflared').count()).toBe(settings.cloudflare.download_available ? 1 : 0);
    await shots(page, 'panel-failed');
    if (!settings.cloudflare.download_available) return;

    // The download: busy while the engine fetches, then its refusal in the engine's words, and nothing installed.
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/tunnel/cloudflared/download'));
    await card.getByTestId('tunnel-download-cloudflared').click();
    const answer = await answered;
    const body = (await answer.json()) as { error?: string; message?: string };
    expect(answer.status()).toBe(502);
    expect(body.error).toBe('cloudflared_checksum_mismatch');
    const download = card.getByTestId('tunnel-download');
    await download.and(page.locator('[data-state="failed"]')).waitFor();
    expect(await card.getByTestId('tunnel-download-error').textContent()).toBe(body.message);
    expect(await card.getByTestId('tunnel-download-cloudflared').textContent()).toBe('Try the download again');
    await shots(page, 'panel-download-failed');
  }, 60_000);

  it('keeps the ngrok authtoken secret: sent once, then only ever shown masked, with the error in the engine’s words', async () => {
    const engine = await e2e.start();
    const { page } = await e2e.openSignedIn();
    await page.getByTestId('tunnel-pill').click();
    const panel = page.getByTestId('tunnel-panel');
    await provider(panel, 'ngrok').getByRole('radio').check();
    const token = '2abcDEFnotARealToken0123456789wxyz';
    await panel.getByLabel('Authtoken', { exact: true }).fill(token);
    expect(await panel.getByLabel('Authtoken', { exact: true }).getAttribute('type')).toBe('password');
    await panel.getByLabel('Static domain', { exact: true }).fill('calm-otter.ngrok-free.app');
    await page.getByTestId('tunnel-connect').click();

    // No ngrok is reachable from here (and the token is made up): never online, and the reason is the engine's.
    const error = panel.getByTestId('tunnel-error');
    await error.waitFor();
    const status = await apiGet<TunnelStatus>(engine, '/api/tunnel');
    expect(status.provider).toBe('ngrok');
    expect(['reconnecting', 'failed', 'starting']).toContain(status.status);
    expect(await page.getByTestId('tunnel-pill').getAttribute('data-tone')).not.toBe('online');

    const settings = await apiGet<TunnelSettingsView>(engine, '/api/tunnel/settings');
    expect(settings.ngrok).toEqual({ authtoken: '2abc…wxyz', authtoken_source: 'settings', domain: 'calm-otter.ngrok-free.app' });
    await panel.getByTestId('ngrok-authtoken-saved').getByText(settings.ngrok.authtoken!).waitFor();
    expect(await panel.getByLabel('Authtoken', { exact: true }).inputValue()).toBe('');
    expect(await panel.getByLabel('Static domain', { exact: true }).inputValue()).toBe('calm-otter.ngrok-free.app');
    expect(await page.content()).not.toContain(token);
    await shots(page, 'panel-ngrok-not-reachable');

    await page.getByTestId('tunnel-disconnect').click();
    await pill(page, 'offline').waitFor();
  }, 60_000);

  it('shows a banner when the quick tunnel comes back on a new URL: old and new, the new one to copy, dismissed for good', async () => {
    // The stand-in cloudflared exits once, a while after it registered; the provider starts it again and gets a new URL.
    const faultDir = mkdtempSync(join(tmpdir(), 'hookbench-e2e-fault-'));
    process.env.FAKE_CLOUDFLARED_EXIT_AFTER_MS = '4000';
    process.env.FAKE_CLOUDFLARED_FAULT_ONCE = join(faultDir, 'exited-once');
    let engine: RunningEngine;
    try {
      engine = await e2e.start();
    } finally {
      delete process.env.FAKE_CLOUDFLARED_EXIT_AFTER_MS;
      delete process.env.FAKE_CLOUDFLARED_FAULT_ONCE;
    }
    try {
      const { page } = await e2e.openSignedIn({ clipboard: true });
      await page.getByTestId('get-public-url-open').click();
      const panel = page.getByTestId('tunnel-panel');
      await panel.getByLabel('cloudflared path', { exact: true }).fill(FAKE_CLOUDFLARED);
      await page.getByTestId('tunnel-connect').click();
      await pill(page, 'online', 'online').waitFor();
      const first = await apiGet<TunnelStatus>(engine, '/api/tunnel');
      expect(first).toMatchObject({ provider: 'cloudflare', url_stable: false, url_change: null });
      expect(await panel.getByTestId('tunnel-url-stability').textContent()).toBe('Changes on every start (quick tunnel)');
      expect(await page.getByTestId('url-change-banner').count()).toBe(0);
      await shots(page, 'panel-online-cloudflare');
      await page.keyboard.press('Escape');

      const banner = page.getByTestId('url-change-banner');
      await banner.waitFor({ timeout: 45_000 });
      await pill(page, 'online', 'online').waitFor({ timeout: 45_000 });
      const changed = await apiGet<TunnelStatus>(engine, '/api/tunnel');
      expect(changed.url).not.toBe(first.url);
      expect(changed.url_change).toMatchObject({ from: first.url, to: changed.url });
      expect(await banner.locator('h4').textContent()).toBe('Your public URL changed: update the webhook at the sender');
      expect(await banner.getByTestId('url-change-old').textContent()).toBe(first.url);
      expect(await banner.getByTestId('url-change-new').textContent()).toBe(changed.url);
      await shots(page, 'url-change-banner', { whole: true });

      await banner.getByTestId('url-change-copy').click();
      await banner.locator('[data-testid="url-change-copy"][data-copy-state="copied"]').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(changed.url);

      // Dismissed for this change, also after a reload.
      await banner.getByTestId('url-change-dismiss').click();
      await banner.waitFor({ state: 'detached' });
      await page.reload();
      await pill(page, 'online', 'online').waitFor();
      await page.getByTestId('tunnel-pill').click();
      await page.getByTestId('tunnel-public-url').getByText(changed.url!).waitFor();
      expect(await page.getByTestId('url-change-banner').count()).toBe(0);
    } finally {
      rmSync(faultDir, { recursive: true, force: true });
    }
  }, 120_000);
});
