import { createServer, type AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../../shared/api/deliveries.js';
import type { Inbox } from '../../shared/api/inboxes.js';
import type { ReplayResult } from '../../shared/api/replays.js';
import { apiGet, apiPost, getDelivery } from './support/api.js';
import { screenshot } from './support/browser.js';
import { startLocalHandler, type LocalHandler } from './support/local-handler.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { openDelivery } from './support/ui.js';

const detailOf = (page: Page, id: string) => page.locator(`[data-testid="delivery-detail"][data-delivery-id="${id}"]`);

/** The radios of a segmented control are drawn by their labels, so a click goes to the label. */
async function choose(scope: Page | Locator, name: string | RegExp): Promise<void> {
  await scope.getByRole('radio', { name, exact: true }).locator('xpath=..').click();
}

function inboxCard(page: Page, slug: string) {
  return page.locator(`[data-testid="inbox-card"][data-inbox-slug="${slug}"]`);
}

describe('replay, answers and bulk replay in the UI', () => {
  const e2e = useE2eSession({ expectSafePages: true });
  let handler: LocalHandler | undefined;

  // Registered after the session's, so it runs before it: held requests are answered before the engine stops.
  afterEach(async () => {
    handler?.release();
    await handler?.close();
    handler = undefined;
  });

  async function open(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    return (await e2e.openSignedIn({ colorScheme, clipboard: true })).page;
  }

  it('shows a replay that could not connect as a failure with its class, in the list and the detail', async () => {
    const engine = await e2e.start();
    // A port that was just free: nothing listens there, so the connection is refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/orders',
      headers: [['Content-Type', 'application/json']],
      body: '{}',
    });
    const replay = await apiPost<ReplayResult>(engine, `/api/deliveries/${sent.json.id}/replay`, {
      target: `http://127.0.0.1:${port}/hook`,
    });
    expect(replay).toMatchObject({ outcome: 'failed', status: null });

    const page = await open();
    const badge = page.locator(`[role="row"][data-delivery-id="${replay.id}"] .status-badge`);
    await badge.waitFor();
    expect(await badge.getAttribute('data-failure-class')).toBe('refused');
    expect(await badge.textContent()).toBe('refused');
    expect(await badge.getAttribute('title')).toBe('Connection refused');
    await openDelivery(page, replay.id);
    expect(await detailOf(page, replay.id).locator('.delivery-header .status-badge').textContent()).toBe('refusedConnection refused');
  });

  it('replays a delivery exactly to a local handler and links the stored replay and its original', async () => {
    const engine = await e2e.start();
    handler = await startLocalHandler();
    await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Stripe', slug: 'stripe', forward_to: `${handler.origin}/webhooks` });
    const body = '{"event":"call.completed","caller":"Zoë"}';
    const sent = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/stripe/events?attempt=1',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Trace', 'first'],
        ['x-trace', 'second'],
      ],
      body,
    });
    expect(sent.status).toBe(200);
    const originalId = (await apiGet<{ items: { id: string }[] }>(engine, '/api/deliveries?direction=in')).items[0].id;

    const page = await open();
    await openDelivery(page, originalId);
    // The forward outcome of the delivery: who answered, where, how fast.
    const answer = page.getByTestId('answer-card');
    await expect.poll(() => answer.getAttribute('data-source')).toBe('forward');
    expect(await answer.textContent()).toContain('your handler answered 200');
    expect(await answer.textContent()).toContain(`${handler.origin}/webhooks/events?attempt=1`);
    await page.locator('[data-testid="replay-history"][data-count="0"]').waitFor();

    await page.getByTestId('replay-open-dialog').click();
    const dialog = page.getByTestId('replay-dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: /forward target/ }).isChecked()).toBe(true);
    await dialog.getByTestId('replay-send').click();
    const result = dialog.getByTestId('replay-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('200');
    await screenshot(page, 'replay-dialog-light');

    // Exact: the same method, path suffix and query, headers in order with their case, the same bytes.
    expect(handler.requests).toHaveLength(2);
    const replayed = handler.requests[1];
    expect(replayed.method).toBe('POST');
    expect(replayed.url).toBe('/webhooks/events?attempt=1');
    expect(replayed.body.toString('utf8')).toBe(body);
    expect(replayed.rawHeaders.filter(([name]) => name.toLowerCase() === 'x-trace')).toEqual([
      ['X-Trace', 'first'],
      ['x-trace', 'second'],
    ]);

    // The new outgoing delivery is linked from the result and points back at its original.
    const replayId = (await result.getByTestId('replay-open').getAttribute('data-delivery-id'))!;
    const stored = await getDelivery(engine, replayId);
    expect(stored).toMatchObject({ direction: 'out', via: 'replay', replay_of: originalId });
    await result.getByTestId('replay-open').click();
    await dialog.waitFor({ state: 'detached' });
    await detailOf(page, replayId).waitFor();
    await expect.poll(() => page.getByTestId('answer-card').getAttribute('data-source')).toBe('replay');
    await page.getByTestId('replay-original').click();
    await detailOf(page, originalId).waitFor();
    // Shown together: the original lists its replay.
    await page
      .locator(`[data-testid="replay-history"][data-count="1"] [data-testid="replay-row"][data-delivery-id="${replayId}"]`)
      .waitFor();
    await screenshot(page, 'replay-detail-light');

    // Export: the engine's curl script of this delivery lands on the clipboard.
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-curl').click();
    await page.locator('[data-testid="export-curl"][data-copy-state="copied"]').waitFor();
    const script = await page.evaluate(() => navigator.clipboard.readText());
    expect(script).toMatch(/\| curl \\\n\s+--http1\.1/);
    expect(script).toContain('/i/stripe/events?attempt=1');
    expect(await page.getByTestId('export-har').getAttribute('href')).toContain(`/api/deliveries/${originalId}/export?format=har`);

    const dark = await open('dark');
    await openDelivery(dark, originalId);
    await dark.getByTestId('replay-open-dialog').click();
    await choose(dark.getByTestId('replay-dialog'), 'Re-sign');
    await dark.getByTestId('replay-dialog').getByLabel('Edit body').check();
    await screenshot(dark, 'replay-dialog-dark');
  });

  it('shows the next response of an inbox with a scripted 503, and the next delivery is answered 503', async () => {
    const engine = await e2e.start();
    const page = await open();
    await page.getByRole('tab', { name: /Inboxes/ }).click();
    const card = inboxCard(page, 'default');
    await card.getByTestId('next-response').getByText('answered 200').waitFor();

    await card.getByRole('button', { name: 'Edit answers' }).click();
    await card.getByLabel('Answer with a scripted response').check();
    await card.getByLabel('Scripted status').fill('503');
    await card.getByLabel('Scripted headers').fill('Content-Type: application/json\nRetry-After: 30');
    await card.getByLabel('Scripted body').fill('{"error":"maintenance"}');
    await card.getByRole('button', { name: 'Save answers' }).click();
    const next = card.getByTestId('next-response');
    await next.getByText('The next request is answered 503 (scripted response).').waitFor();
    expect(await next.getAttribute('data-will')).toBe('usual');

    const answered = await sendRawWebhook(engine.receiverHttp, {
      path: '/hooks/order',
      headers: [['Content-Type', 'application/json']],
      body: '{}',
    });
    expect(answered.status).toBe(503);
    expect(answered.body).toBe('{"error":"maintenance"}');
    const { items } = await apiGet<{ items: { id: string; response_status: number }[] }>(engine, '/api/deliveries');
    expect(items[0].response_status).toBe(503);

    await page.getByRole('tab', { name: 'Deliveries' }).click();
    await openDelivery(page, items[0].id);
    await page.locator('[data-testid="answer-card"][data-source="scripted"]').getByText('Scripted response 503').waitFor();

    // A failure rule on top: the next answer becomes the rule's first step.
    await page.getByRole('tab', { name: /Inboxes/ }).click();
    await card.getByRole('button', { name: 'Edit answers' }).click();
    await choose(card, 'Sequence');
    await card.getByLabel('Failure sequence').fill('500, 500, timeout, reset, 200');
    await card.getByLabel('Repeat').check();
    await card.getByTestId('failure-preview').getByText('In turn: 500 → 500 → timeout → reset → 200, then again from the start.').waitFor();
    await screenshot(page, 'replay-inbox-settings-editor-light');
    await card.getByRole('button', { name: 'Save answers' }).click();
    await next.getByText('The next request gets a simulated failure: answer 500.').waitFor();
    expect(await next.getAttribute('data-will')).toBe('fail');
    const inbox = await apiGet<Inbox>(engine, '/api/inboxes/default');
    expect(inbox.failure).toEqual({ mode: 'sequence', sequence: ['500', '500', 'timeout', 'reset', '200'], repeat: true });
    expect(inbox.response?.status).toBe(503);

    // Each arrival moves the rule on, and the line follows it live.
    expect((await sendRawWebhook(engine.receiverHttp, { path: '/a', body: '' })).status).toBe(500);
    expect((await sendRawWebhook(engine.receiverHttp, { path: '/b', body: '' })).status).toBe(500);
    await next.getByText('The next request gets a simulated failure: hang until the sender gives up.').waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'replay-inbox-settings-light');

    const dark = await open('dark');
    await dark.getByRole('tab', { name: /Inboxes/ }).click();
    await inboxCard(dark, 'default').getByTestId('next-response').getByText('hang until the sender gives up').waitFor();
    await screenshot(dark, 'replay-inbox-settings-dark');
    await inboxCard(dark, 'default').getByRole('button', { name: 'Edit answers' }).click();
    await screenshot(dark, 'replay-inbox-settings-editor-dark');
  });

  it('bulk-replays the list with a live progress bar, and Cancel stops it', async () => {
    const engine = await e2e.start();
    handler = await startLocalHandler();
    for (let n = 0; n < 12; n += 1) {
      const sent = await sendRawWebhook(engine.receiverHttp, {
        path: `/orders/${n}`,
        headers: [['Content-Type', 'application/json']],
        body: `{"n":${n}}`,
      });
      expect(sent.status).toBe(200);
    }

    const startJob = async (page: Page) => {
      await page.locator('[role="row"][data-delivery-id]').first().waitFor();
      await page.getByTestId('bulk-replay-open').click();
      const dialog = page.getByTestId('bulk-replay-dialog');
      await dialog.getByRole('radio', { name: 'One URL for all' }).check();
      await dialog.getByLabel('Bulk replay target URL').fill(`${handler!.origin}/bulk`);
      await dialog.getByTestId('bulk-replay-start').click();
      await dialog.waitFor({ state: 'detached' });
    };

    // The handler holds the 6th replay, so the job is caught mid-way.
    handler.hold(5);
    const page = await open();
    await startJob(page);
    const progress = page.getByTestId('bulk-replay-progress');
    await page.locator('[data-testid="bulk-replay-progress"][data-state="running"][data-total="12"][data-done="5"]').waitFor();
    expect(await progress.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('5');
    await screenshot(page, 'replay-bulk-progress-light');

    await progress.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-testid="bulk-replay-progress"][data-state="cancelled"]').waitFor();
    expect(handler.requests.length).toBeLessThan(12);
    handler.release();

    // A second job, from a dark window, runs to the end.
    await progress.getByRole('button', { name: 'Dismiss' }).click();
    const sentBefore = handler.requests.length;
    handler.hold(sentBefore + 8);
    const dark = await open('dark');
    await startJob(dark);
    await dark.locator('[data-testid="bulk-replay-progress"][data-state="running"][data-done="8"]').waitFor();
    await screenshot(dark, 'replay-bulk-progress-dark');
    handler.release();
    await dark.locator('[data-testid="bulk-replay-progress"][data-state="done"][data-done="12"]').waitFor({ timeout: 20_000 });
    expect(handler.requests.length).toBe(sentBefore + 12);
    expect(handler.requests.slice(sentBefore).map((request) => request.body.toString())).toEqual(
      Array.from({ length: 12 }, (_, n) => `{"n":${n}}`),
    );
    const replays = await apiGet<{ items: DeliveryRecord[] }>(engine, '/api/deliveries?direction=out&limit=100');
    expect(replays.items.every((item) => item.via === 'replay')).toBe(true);
  });
});
