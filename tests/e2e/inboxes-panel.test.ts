import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import { apiGet, apiPost } from './support/api.js';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { textContrast } from './support/contrast.js';
import { useE2eSession } from './support/session.js';
import { openDelivery, waitForRows } from './support/ui.js';

const run = promisify(execFile);

describe('inboxes panel', () => {
  const e2e = useE2eSession();

  it('creates, renames and deletes an inbox, and shows its receiver URLs with a curl that works', async () => {
    const engine = await e2e.start();
    const watched = await e2e.openSignedIn({ clipboard: true });
    const { page } = watched;
    await page.getByRole('tab', { name: /Inboxes/ }).click();
    await page.locator('[data-testid="inbox-card"][data-inbox-slug="default"]').waitFor();

    await page.getByLabel('Inbox name').fill('Stripe staging');
    await page.getByLabel('Inbox slug').fill('stripe-staging');
    await page.getByRole('button', { name: 'Create inbox' }).click();
    const card = page.locator('[data-testid="inbox-card"][data-inbox-slug="stripe-staging"]');
    await card.waitFor();
    const created = (await apiGet<{ items: Inbox[] }>(engine, '/api/inboxes')).items.find((inbox) => inbox.slug === 'stripe-staging')!;
    expect(await card.getByTestId('receiver-url-http').textContent()).toBe(created.urls.http);
    expect(await card.getByTestId('receiver-url-https').textContent()).toBe(created.urls.https);
    await card.getByTestId('receiver-url-http').locator('xpath=..').getByRole('button').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.urls.http);

    // The card's "Try it" curl lands in this inbox, and "Show deliveries" lists just that inbox.
    await card.locator('.command-snippet').getByRole('button').click();
    const tryIt = await page.evaluate(() => navigator.clipboard.readText());
    const { stdout } = await run('sh', ['-c', tryIt]);
    const sent = { json: JSON.parse(stdout) as { id: string } };
    await sendRawWebhook(engine.receiverHttp, { path: '/elsewhere', headers: [], body: '' });
    await card.getByText('1 delivery').waitFor();
    await screenshot(page, '13-inboxes-panel');

    await card.getByRole('button', { name: 'Show deliveries' }).click();
    await waitForRows(page, [sent.json.id]);
    await page.getByRole('tab', { name: /Inboxes/ }).click();

    await card.getByRole('button', { name: 'Rename' }).click();
    await card.getByLabel('New name').fill('Stripe (staging)');
    await card.getByRole('button', { name: 'Save' }).click();
    await card.getByRole('heading', { name: 'Stripe (staging)' }).waitFor();
    expect((await apiGet<Inbox>(engine, `/api/inboxes/${created.id}`)).name).toBe('Stripe (staging)');

    await card.getByRole('button', { name: 'Delete' }).click();
    await card.getByRole('alertdialog').waitFor();
    await card.getByRole('button', { name: 'Delete inbox' }).click();
    await card.waitFor({ state: 'detached' });
    expect((await apiGet<{ items: Inbox[] }>(engine, '/api/inboxes')).items.map((inbox) => inbox.slug)).toEqual(['default']);
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('marks an inbox with a signing secret with the UI’s own lock icon, never an emoji', async () => {
    const engine = await e2e.start();
    await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Signed', slug: 'signed', secret: 'whsec_lock_icon' });
    const { page } = await e2e.openSignedIn();
    await page.getByRole('tab', { name: /Inboxes/ }).click();
    const marker = page.locator('[data-testid="inbox-card"][data-inbox-slug="signed"]').getByTestId('inbox-secret-set');
    await marker.waitFor();
    expect(await marker.textContent()).toBe(' signing secret set');
    expect(await marker.locator('svg[data-icon="lock"]').count()).toBe(1);
    // No emoji anywhere, not even in generated content: it renders as a missing-glyph box without an emoji font.
    const generated = await marker.evaluate((node) => getComputedStyle(node, '::before').content);
    expect(generated).toBe('none');
    expect(await page.locator('[data-testid="inboxes-panel"]').innerText()).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('follows the OS dark theme', async () => {
    const engine = await e2e.start();
    const { page } = await e2e.openSignedIn({ colorScheme: 'dark' });
    await page.getByTestId('empty-inbox').waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(14, 16, 20)');
    await screenshot(page, '14-dark-empty-state');

    const body = JSON.stringify({
      event: 'appointment.booked',
      timestamp: '2026-02-24T21:00:00.000Z',
      delivery_id: 'dlv-9',
      data: {
        caller_phone: '+1234567890',
        caller_name: 'Sarah',
        appointment_date: '2026-02-25',
        appointment_time_start: '2026-02-25T11:00:00Z',
        appointment_time_end: '2026-02-25T12:00:00Z',
        service_type: 'Auto Repair Appointment',
        urgency: 'high',
      },
    });
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/appointments',
      headers: [['Content-Type', 'application/json']],
      body,
    });
    for (let n = 0; n < 5; n += 1)
      await sendRawWebhook(engine.receiverHttp, { method: 'DELETE', path: `/items/${n}`, headers: [], body: '' });
    await openDelivery(page, sent.json.id!);
    expect(await page.getByTestId('inboundflow-card').textContent()).toContain('Auto Repair Appointment');
    await screenshot(page, '15-dark-list-and-overview');
    await page.getByRole('tab', { name: /Body/ }).click();
    await screenshot(page, '16-dark-body-json');
    await page.getByRole('tab', { name: /Inboxes/ }).click();
    await page.getByTestId('inboxes-panel').waitFor();
    await screenshot(page, '17-dark-inboxes-panel');
    // The primary button's label stays readable on the dark theme's pale accent (WCAG AA, 4.5:1).
    const create = page.locator('.button--primary').first();
    await create.waitFor();
    expect(await textContrast(create)).toBeGreaterThanOrEqual(4.5);
  });
});
