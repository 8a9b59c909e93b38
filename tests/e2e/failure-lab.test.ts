import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DeliveryList } from '../../shared/api/deliveries.js';
import type { Inbox } from '../../shared/api/inboxes.js';
import type { Integration } from '../../shared/api/integrations.js';
import { apiCall, apiGet, apiPost } from './support/api.js';
import { screenshot } from './support/browser.js';
import { useE2eSession } from './support/session.js';

/** Holds the n-th POST /api/events the page makes until the returned release is called, so a run can be caught mid-streak. */
async function holdFiring(page: Page, n: number): Promise<() => Promise<void>> {
  let fired = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  await page.route('**/api/events', async (route) => {
    fired += 1;
    if (fired === n) await gate;
    await route.continue();
  });
  return async () => {
    open();
    await page.unrouteAll({ behavior: 'wait' });
  };
}

async function openLab(page: Page, inbox: Inbox): Promise<void> {
  await page.getByRole('tab', { name: 'Failure lab' }).click();
  await page.getByTestId('failure-lab').waitFor();
  await page.getByLabel('Inbox', { exact: true }).selectOption(inbox.id);
}

describe('failure lab', () => {
  const e2e = useE2eSession({ expectSafePages: true });

  it('shows no chart before any run, even for an integration that was disabled and enabled before', async () => {
    const engine = await e2e.start();
    const inbox = await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Lab', slug: 'lab' });
    const created = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'zapier',
      name: 'Zapier: new calls',
      url: 'https://hooks.zapier.com/hooks/catch/123/abc/',
      events: ['call.completed'],
    });
    // Changes but no attempt: nothing to place the markers between.
    await apiCall(engine, 'PATCH', `/api/integrations/${created.id}`, { enabled: false });
    await apiCall(engine, 'PATCH', `/api/integrations/${created.id}`, { enabled: true });

    const { page } = await e2e.openSignedIn();
    await openLab(page, inbox);
    const streak = page.getByTestId('lab-streak');
    await streak.getByText('No attempts yet.').waitFor();
    expect(await streak.getByTestId('integration-timeline').count()).toBe(0);
    expect(await streak.locator('canvas').count()).toBe(0);
  });

  it('runs a streak into a failing inbox until the 10th failure auto-disables the integration, re-enables it and recovers', async () => {
    const engine = await e2e.start();
    const inbox = await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Lab', slug: 'lab' });
    const created = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'zapier',
      name: 'Zapier: new calls',
      url: 'https://hooks.zapier.com/hooks/catch/123/abc/',
      events: ['call.completed'],
      secret: { generate: true },
    });

    const { page } = await e2e.openSignedIn({ colorScheme: 'light' });
    await openLab(page, inbox);
    await page.getByText(`Point Zapier: new calls at ${inbox.urls.https}`).waitFor();

    const release = await holdFiring(page, 6);
    await page.getByTestId('lab-run').click();
    const streak = page.getByTestId('lab-streak');
    await page.locator('[data-testid="lab-streak"][data-failures="5"]').waitFor();
    await page.getByTestId('lab-step').nth(4).waitFor();
    expect(await streak.getByRole('meter').getAttribute('aria-valuenow')).toBe('5');
    await screenshot(page, 'lab-mid-streak-light');
    await release();

    await page.locator('[data-testid="lab-streak"][data-enabled="false"][data-failures="10"]').waitFor();
    expect(await page.getByTestId('lab-integration-state').textContent()).toBe('Auto-disabled');
    await streak.getByText('Auto-disabled after 10 consecutive failures').waitFor();
    const steps = page.getByTestId('lab-step');
    expect(await steps.count()).toBe(10);
    expect(await page.locator('[data-testid="lab-step"][data-state="failed"]').count()).toBe(10);
    // The lab draws the run as the integration's timeline too: ten failures climbing to the line, then the disable.
    await streak.locator('[data-testid="integration-timeline"][data-max-streak="10"][data-markers="disabled"]').waitFor();
    await screenshot(page, 'lab-auto-disabled-light');

    const disabled = await apiGet<Integration>(engine, `/api/integrations/${created.id}`);
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: 'http_500', consecutive_failures: 10, url: inbox.urls.https });
    // Every step is a real delivery in the inbox, answered 500, and the lab links each one.
    const arrivals = await apiGet<DeliveryList>(engine, `/api/deliveries?inbox=${inbox.id}&direction=in&limit=50`);
    expect(arrivals.items).toHaveLength(10);
    expect(arrivals.items.every((item) => item.response_status === 500 && item.event === 'call.completed')).toBe(true);
    const linked = await page
      .getByTestId('lab-step-arrival')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-delivery-id')));
    expect(new Set(linked)).toEqual(new Set(arrivals.items.map((item) => item.id)));

    await page.getByTestId('lab-reenable').click();
    await page.locator('[data-testid="lab-streak"][data-enabled="true"][data-failures="0"]').waitFor();
    await page.getByTestId('lab-recover').click();
    await page.locator('[data-testid="failure-lab"][data-phase="recovered"]').waitFor();
    await page.locator('[data-testid="lab-step"][data-run="recovery"][data-state="delivered"]').waitFor();
    expect(await streak.getAttribute('data-failures')).toBe('0');
    await screenshot(page, 'lab-recovered-light');

    expect(await apiGet<Integration>(engine, `/api/integrations/${created.id}`)).toMatchObject({ enabled: true, consecutive_failures: 0 });
    expect((await apiGet<Inbox>(engine, `/api/inboxes/${inbox.id}`)).failure).toBeNull();
    const after = await apiGet<DeliveryList>(engine, `/api/deliveries?inbox=${inbox.id}&direction=in&limit=50`);
    expect(after.items).toHaveLength(11);
    expect(after.items[0].response_status).toBe(200);

    // A step's link opens that delivery in the Deliveries view.
    const first = linked[0]!;
    await page.locator(`[data-testid="lab-step-arrival"][data-delivery-id="${first}"]`).click();
    await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${first}"]`).waitFor();
  });

  it('runs a connection-reset streak in the dark theme', async () => {
    const engine = await e2e.start();
    const inbox = await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Flaky handler', slug: 'flaky' });
    const created = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'n8n',
      name: 'n8n: lead router',
      url: 'https://n8n.example.com/webhook/leads',
      events: ['lead.created'],
      secret: { generate: true },
    });

    const { page } = await e2e.openSignedIn({ colorScheme: 'dark' });
    await openLab(page, inbox);
    await page.getByRole('radio', { name: 'Connection reset' }).locator('xpath=..').click();
    const release = await holdFiring(page, 8);
    await page.getByTestId('lab-run').click();
    await page.locator('[data-testid="lab-streak"][data-failures="7"]').waitFor();
    await page.getByTestId('lab-step').nth(6).waitFor();
    await screenshot(page, 'lab-mid-streak-dark');
    await release();

    await page.locator('[data-testid="lab-streak"][data-enabled="false"][data-failures="10"]').waitFor();
    await screenshot(page, 'lab-auto-disabled-dark');
    expect(await apiGet<Integration>(engine, `/api/integrations/${created.id}`)).toMatchObject({
      enabled: false,
      disabled_reason: 'reset',
    });
  });
});
