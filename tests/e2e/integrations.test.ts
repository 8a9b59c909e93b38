import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DeliveryList, InlineDeliveryRecord } from '../../shared/api/deliveries.js';
import type { Inbox } from '../../shared/api/inboxes.js';
import type { Integration } from '../../shared/api/integrations.js';
import { apiCall, apiGet, apiPost, getDelivery } from './support/api.js';
import { SHOTS_DIR } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { codeText, deliveryRow, openSignedIn } from './support/ui.js';
import { useE2eSession } from './support/session.js';

const run = promisify(execFile);

/** An inbox that answers every request 500: the failing endpoint an integration points at. */
async function failingInbox(engine: RunningEngine, slug = 'failing'): Promise<Inbox> {
  return apiPost<Inbox>(engine, '/api/inboxes', {
    name: 'Failing handler',
    slug,
    failure: { mode: 'always', kind: { type: 'status', status: 500 } },
  });
}

async function openIntegrations(page: Page, engine: RunningEngine): Promise<void> {
  await openSignedIn(page, engine);
  await page.getByRole('tab', { name: /Integrations/ }).click();
  await page.getByTestId('integrations-view').waitFor();
}

function card(page: Page, name: string): Locator {
  return page.getByRole('article', { name, exact: true });
}

/** Waits until the card's streak bar shows exactly this many consecutive failures. */
async function waitForStreak(target: Locator, failures: number): Promise<void> {
  await target.locator(`[role="meter"][aria-valuenow="${failures}"]`).waitFor();
}

async function shoot(target: Page | Locator, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await target.screenshot({ path: `${SHOTS_DIR}/${name}.png` });
}

async function connectCustom(page: Page, name: string, url: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Connect Custom Webhook' }).click();
  const form = page.getByTestId('integration-form');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Webhook URL').fill(url);
  return form;
}

async function integrationNamed(engine: RunningEngine, name: string): Promise<Integration> {
  const { items } = await apiGet<{ items: Integration[] }>(engine, '/api/integrations');
  return items.find((integration) => integration.name === name)!;
}

describe('integrations UI', () => {
  const e2e = useE2eSession();

  it('refuses a non-https URL with the engine’s own message, and shows warnings for a URL that does not look like the service’s', async () => {
    const engine = await e2e.start();
    const watched = await e2e.watch();
    const { page } = watched;
    await openIntegrations(page, engine);

    const form = await connectCustom(page, 'Plain HTTP', 'http://hooks.example.com/inboundflow');
    await form.getByRole('button', { name: 'Save' }).click();
    const refused = await apiCall<{ error: string; message: string }>(engine, 'POST', '/api/integrations', {
      kind: 'custom',
      name: 'x',
      url: 'http://hooks.example.com/inboundflow',
      events: ['call.completed'],
    });
    expect(refused).toMatchObject({ status: 400, json: { error: 'url_not_https' } });
    expect(await form.getByTestId('url-error').textContent()).toBe(refused.json.message);
    expect(refused.json.message).toContain('URL must use https://');
    expect((await apiGet<{ items: Integration[] }>(engine, '/api/integrations')).items).toEqual([]);

    // A Zapier card with a URL that is not Zapier's: saved, with the engine's warning on the card.
    await page.getByRole('button', { name: 'Connect Zapier' }).click();
    await form.getByLabel('Webhook URL').fill('https://hooks.example.com/inboundflow');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = card(page, 'Zapier');
    const warning = saved.getByTestId('url-warnings').locator('li[data-code="url_not_zapier"]');
    expect(await warning.textContent()).toBe((await integrationNamed(engine, 'Zapier')).warnings[0].message);
    expect(await saved.getByTestId('integration-state').textContent()).toBe('Enabled');
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('Test Webhook reports the status, the time it took and the failure class, and a generated secret can be copied', async () => {
    const engine = await e2e.start({ allowHttpLocalhost: true });
    await failingInbox(engine);
    const watched = await e2e.watch({ clipboard: true });
    const { page } = watched;
    await openIntegrations(page, engine);

    const form = await connectCustom(page, 'Local handler', `${engine.receiverHttp}/i/failing/webhooks`);
    await form.getByTestId('test-webhook').click();
    const failed = form.locator('[data-testid="test-result"] [data-state="failed"]');
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/Failed.*500.*in \d+ ms.*http_500.*call\.completed/);
    expect(await failed.locator('.outcome-line__message').textContent()).toMatch(/500/);

    // Testing saved it, with a generated secret the form now shows and copies.
    const created = await integrationNamed(engine, 'Local handler');
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(created.consecutive_failures).toBe(1);
    await form.getByTestId('copy-secret').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(created.secret);

    // Point it at an inbox that answers 200 and test again: delivered, and the streak resets.
    await form.getByLabel('Webhook URL').fill(`${engine.receiverHttp}/i/default/webhooks`);
    await form.getByTestId('test-webhook').click();
    const delivered = form.locator('[data-testid="test-result"] [data-state="delivered"]');
    await delivered.waitFor();
    expect(await delivered.textContent()).toMatch(/Delivered.*200.*in \d+ ms/);
    await shoot(form, 'int-test-result-light');
    await form.getByRole('button', { name: 'Save' }).click();
    await waitForStreak(card(page, 'Local handler'), 0);
    expect((await integrationNamed(engine, 'Local handler')).url).toBe(`${engine.receiverHttp}/i/default/webhooks`);
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('fills the streak bar with each failure, auto-disables at 10 with the reason, and re-enables to an empty bar', async () => {
    const engine = await e2e.start({ allowHttpLocalhost: true });
    const inbox = await failingInbox(engine);
    const watched = await e2e.watch();
    const { page } = watched;
    await openIntegrations(page, engine);

    const form = await connectCustom(page, 'CRM handler', `${engine.receiverHttp}/i/failing/crm`);
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const crm = card(page, 'CRM handler');
    await waitForStreak(crm, 0);

    // Fire from the composer, one event at a time; each failure fills one more segment, live.
    const composer = page.getByTestId('event-composer');
    await composer.locator('[data-testid="data-check"][data-valid="true"]').waitFor();
    for (let failures = 1; failures <= 10; failures += 1) {
      await composer.getByTestId('composer-send').click();
      await waitForStreak(crm, failures);
      if (failures < 10) {
        const meter = crm.getByRole('meter', { name: 'Consecutive failures' });
        expect(await meter.getAttribute('aria-valuetext')).toBe(`${failures} of 10 consecutive failures`);
      }
    }

    const banner = crm.getByTestId('auto-disabled-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Auto-disabled after 10 consecutive failures');
    expect(await banner.getByTestId('disabled-reason').textContent()).toBe('http_500');
    const disabled = await integrationNamed(engine, 'CRM handler');
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: 'http_500', consecutive_failures: 10 });
    expect(await banner.locator('time').getAttribute('datetime')).toBe(disabled.disabled_at);
    expect(await crm.getByTestId('integration-state').textContent()).toBe('Auto-disabled');
    expect(await page.getByRole('tab', { name: /Integrations/ }).textContent()).toContain('1 disabled');

    // An event fired while disabled is kept as skipped, and the banner counts it.
    await composer.getByTestId('composer-send').click();
    await banner.locator('[data-testid="skipped-count"][data-count="1"]').waitFor();

    // Fix the endpoint, re-enable and send the skipped event: it is delivered and the bar is empty.
    await apiCall(engine, 'PATCH', `/api/inboxes/${inbox.id}`, { failure: null });
    await banner.getByLabel(/Also send the 1 skipped event/).check();
    await banner.getByRole('button', { name: 'Re-enable' }).click();
    await banner.waitFor({ state: 'detached' });
    await waitForStreak(crm, 0);
    expect(await crm.getByRole('meter').getAttribute('aria-valuetext')).toBe('0 of 10 consecutive failures');
    await crm.locator('[data-testid="last-delivery"] [data-testid="dispatch-badge"][data-state="delivered"]').waitFor();
    expect(await integrationNamed(engine, 'CRM handler')).toMatchObject({ enabled: true, consecutive_failures: 0, skipped_count: 0 });
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('checks the composer’s JSON against the event schema as you type, sends it, and opens what was sent in Deliveries', async () => {
    const engine = await e2e.start({ allowHttpLocalhost: true });
    await failingInbox(engine);
    await apiPost(engine, '/api/integrations', {
      kind: 'custom',
      name: 'Leads',
      url: `${engine.receiverHttp}/i/failing/leads`,
      events: ['lead.created'],
    });
    await apiPost(engine, '/api/integrations', {
      kind: 'n8n',
      name: 'Calls only',
      url: `${engine.receiverHttp}/i/default/webhook/calls`,
      events: ['call.completed'],
    });
    const watched = await e2e.watch({ clipboard: true });
    const { page } = watched;
    await openIntegrations(page, engine);

    const composer = page.getByTestId('event-composer');
    await composer.locator('label', { hasText: 'lead.created' }).click();
    const editor = composer.getByLabel('Event data for lead.created (JSON)');
    await composer.locator('[data-testid="data-check"][data-valid="true"]').waitFor();
    expect(await composer.locator('.composer__target').allTextContents()).toEqual(['Leads']);
    expect(await composer.locator('.composer__unsubscribed').textContent()).toContain('Calls only');

    // Break it three ways: a bad phone number, a missing field, then the JSON itself.
    const data = JSON.parse(await codeText(editor)) as Record<string, unknown>;
    data.caller_phone = '555 0100';
    delete data.call_summary;
    await editor.fill(JSON.stringify(data, null, 2));
    const errors = composer.getByTestId('data-error');
    await errors.first().waitFor();
    expect(await errors.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path')))).toEqual([
      'data.caller_phone',
      'data.call_summary',
    ]);
    expect(await errors.first().textContent()).toContain('must be an E.164 phone number');
    expect(await composer.getByTestId('composer-send').isDisabled()).toBe(true);
    await composer.locator('.cm-lint-marker-error').first().waitFor();
    expect(await composer.locator('.cm-lint-marker-error').count()).toBe(1);

    await editor.fill('{\n  "call_id": "abc",\n  "caller_phone" "+14155550100"\n}');
    await composer.getByText(/Not valid JSON/).waitFor();
    expect(await composer.getByTestId('data-check').textContent()).toContain('line 3');

    // A fresh sample is valid again; send it and follow the link to the delivery.
    await composer.getByRole('button', { name: 'New sample' }).click();
    await composer.locator('[data-testid="data-check"][data-valid="true"]').waitFor();
    const sentPhone = (JSON.parse(await codeText(editor)) as { caller_phone: string }).caller_phone;
    await composer.getByTestId('composer-send').click();
    const sent = composer.locator('[data-testid="sent-delivery"][data-state="failed"]');
    await sent.waitFor();
    const deliveryId = (await sent.getAttribute('data-delivery-id'))!;
    await sent.getByRole('button', { name: 'Open →' }).click();

    // The Deliveries list, filtered to what was sent to Leads, with the delivery open.
    const leads = await integrationNamed(engine, 'Leads');
    const detail = page.locator(`[data-testid="delivery-detail"][data-delivery-id="${deliveryId}"]`);
    await detail.waitFor();
    expect(await page.getByLabel('Direction').inputValue()).toBe('out');
    expect(await page.getByLabel('Inbox or integration').inputValue()).toBe(`integration:${leads.id}`);
    expect(await page.locator('[role="row"][data-delivery-id]').count()).toBe(1);
    const row = deliveryRow(page, deliveryId);
    expect(await row.locator('[data-testid="dispatch-badge"]').getAttribute('data-error-class')).toBe('http_500');
    expect(await row.textContent()).toContain(`${new URL(engine.receiverHttp).host}/i/failing/leads`);

    const record = await getDelivery(engine, deliveryId);
    expect(await detail.getByTestId('target-url').textContent()).toBe(record.target_url);
    expect(await detail.getByTestId('attempt').count()).toBe(1);
    expect(await detail.getByTestId('attempt').textContent()).toMatch(/Failed.*500.*http_500/);
    expect(JSON.parse(record.body.data).data.caller_phone).toBe(sentPhone);

    // Redeliver: the same delivery gets a second attempt, shown live.
    await detail.getByTestId('redeliver').click();
    await detail.getByTestId('attempt').nth(1).waitFor();
    const redelivered = await getDelivery(engine, deliveryId);
    expect(redelivered.attempts).toHaveLength(2);
    expect(redelivered.delivery_id).toBe(record.delivery_id);
    await shoot(page, 'int-outgoing-detail-e2e');

    // Copy as curl goes to the target URL with the exact bytes: run it and find them in the inbox.
    await detail.getByTestId('copy-curl').click();
    await detail.locator('[data-testid="copy-curl"][data-copy-state="copied"]').waitFor();
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toContain(`${engine.receiverHttp}/i/failing/leads`);
    const scratch = mkdtempSync(join(tmpdir(), 'hookbench-int-curl-'));
    try {
      writeFileSync(join(scratch, 'send.sh'), `${command}\n`);
      await run('sh', [join(scratch, 'send.sh')]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    const received = await apiGet<DeliveryList>(engine, '/api/deliveries?direction=in&inbox=failing&limit=1');
    const replayed: InlineDeliveryRecord = await getDelivery(engine, received.items[0].id);
    expect(replayed.body.data).toBe(record.body.data);
    expect(replayed.headers.find(([name]) => name === 'X-InboundFlow-Delivery-Id')?.[1]).toBe(record.delivery_id);
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });

  it('shows the page, a mid-streak integration, the auto-disabled banner, the composer’s schema errors and a sent delivery, light and dark', async () => {
    const engine = await e2e.start({ allowHttpLocalhost: true });
    await failingInbox(engine);
    const fire = (event: string, id: string) => apiPost(engine, '/api/events', { event, integration_ids: [id], wait: true });
    const router = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'make',
      name: 'Lead router',
      url: `${engine.receiverHttp}/i/default/make/lead-router`,
      events: ['lead.created', 'appointment.booked'],
      secret: { generate: true },
    });
    const crm = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'custom',
      name: 'CRM sync',
      url: `${engine.receiverHttp}/i/failing/crm/inboundflow`,
      events: ['call.completed', 'call.transferred', 'appointment.booked', 'lead.created'],
      secret: { generate: true },
    });
    const slack = await apiPost<Integration>(engine, '/api/integrations', {
      kind: 'n8n',
      name: 'Slack alerts',
      url: `${engine.receiverHttp}/i/failing/webhook/slack-alerts`,
      events: ['call.completed', 'call.transferred'],
      secret: null,
    });
    await fire('lead.created', router.id);
    await fire('appointment.booked', router.id);
    for (let i = 0; i < 4; i += 1) await fire('call.completed', crm.id);
    for (let i = 0; i < 12; i += 1) await fire(i % 2 ? 'call.transferred' : 'call.completed', slack.id);
    expect(await integrationNamed(engine, 'Slack alerts')).toMatchObject({ enabled: false, skipped_count: 2 });

    for (const colorScheme of ['light', 'dark'] as const) {
      const watched = await e2e.watch({ colorScheme });
      const { page } = watched;
      await page.setViewportSize({ width: 1440, height: 1500 });
      await openIntegrations(page, engine);
      await waitForStreak(card(page, 'CRM sync'), 4);
      await card(page, 'Slack alerts').getByTestId('auto-disabled-banner').waitFor();
      await card(page, 'Lead router').locator('[data-testid="last-delivery"] [data-state="delivered"]').waitFor();

      await page.getByRole('button', { name: 'Connect Zapier' }).click();
      const form = page.getByTestId('integration-form');
      await form.getByLabel('Webhook URL').fill('http://hooks.zapier.com/hooks/catch/123456/abcdef/');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByTestId('url-error').waitFor();
      await shoot(page, `int-page-${colorScheme}`);
      await shoot(form, `int-form-${colorScheme}`);
      await form.getByRole('button', { name: 'Cancel' }).click();

      await shoot(card(page, 'CRM sync'), `int-streak-${colorScheme}`);
      await shoot(card(page, 'Slack alerts'), `int-disabled-${colorScheme}`);

      const composer = page.getByTestId('event-composer');
      const editor = composer.getByLabel('Event data for call.completed (JSON)');
      await composer.locator('[data-testid="data-check"][data-valid="true"]').waitFor();
      const data = JSON.parse(await codeText(editor)) as Record<string, unknown>;
      Object.assign(data, { caller_phone: '(415) 555-0100', duration_seconds: -3, caller_email: 'dave at example' });
      delete data.ended_at;
      await editor.fill(JSON.stringify(data, null, 2));
      await composer.getByTestId('data-error').first().waitFor();
      await shoot(composer, `int-composer-error-${colorScheme}`);

      await page.setViewportSize({ width: 1440, height: 900 });
      const last = card(page, 'CRM sync').getByTestId('last-delivery');
      const deliveryId = (await last.getAttribute('data-delivery-id'))!;
      await last.getByRole('button', { name: 'Open →' }).click();
      await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${deliveryId}"] [data-testid="attempt"]`).waitFor();
      await shoot(page, `int-outgoing-${colorScheme}`);
      expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
      await watched.context.close();
    }
  });
});
