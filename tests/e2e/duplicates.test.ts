import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeliveryList } from '../../shared/api/deliveries.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { apiGet } from './support/api.js';
import { SHOTS_DIR } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { openDelivery, waitForRows } from './support/ui.js';
import { useE2eSession } from './support/session.js';

/** One InboundFlow delivery as the receiver gets it; the same delivery_id and timestamp make the very same request. */
async function deliver(engine: RunningEngine, deliveryId: string, timestamp: number, body?: string): Promise<string> {
  const bytes = body ?? JSON.stringify({ event: 'lead.created', delivery_id: deliveryId, data: { call_id: 'c-1' } });
  await sendRawWebhook(engine.receiverHttp, {
    path: '/',
    headers: [
      ['Content-Type', 'application/json'],
      ['X-InboundFlow-Event', 'lead.created'],
      ['X-InboundFlow-Delivery-Id', deliveryId],
      ['X-InboundFlow-Timestamp', String(timestamp)],
      ['X-InboundFlow-Signature', sign('whsec_dup', timestamp, bytes)],
      ['User-Agent', 'InboundFlow-Webhook/1.0'],
    ],
    body: bytes,
  });
  const { items } = await apiGet<DeliveryList>(engine, '/api/deliveries?limit=1');
  return items[0].id;
}

describe('duplicate deliveries in the inbox', () => {
  const e2e = useE2eSession();

  it('marks a repeated delivery_id as a duplicate of the first, explains it, counts it and filters on duplicate:yes', async () => {
    const engine = await e2e.start();
    const first = await deliver(engine, 'd-1', 1_709_064_000);
    const other = await deliver(engine, 'd-2', 1_709_064_000);
    const redelivered = await deliver(engine, 'd-1', 1_709_064_090);
    const repeated = await deliver(engine, 'd-1', 1_709_064_000);

    const { page } = await e2e.openSignedIn();
    await waitForRows(page, [repeated, redelivered, other, first]);
    const marked = await page
      .locator('[data-testid="duplicate-marker"]')
      .evaluateAll((marks) =>
        marks.map((m) => [m.closest('[role="row"]')!.getAttribute('data-delivery-id'), m.getAttribute('data-duplicate-of')]),
      );
    expect(marked).toEqual([
      [repeated, first],
      [redelivered, first],
    ]);

    await openDelivery(page, redelivered);
    const note = page.locator('[data-testid="duplicate-note"][data-kind="redelivery"]');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/a redelivery, as InboundFlow makes them/);
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: `${SHOTS_DIR}/duplicates-list-and-note.png` });
    expect(await note.getByTestId('duplicate-first').getAttribute('data-delivery-id')).toBe(first);
    await openDelivery(page, repeated);
    await page.locator('[data-testid="duplicate-note"][data-kind="exact_repeat"]').waitFor();

    await page.getByLabel('Search deliveries').fill('duplicate:yes');
    await waitForRows(page, [repeated, redelivered]);
    await page.getByLabel('Search deliveries').fill('duplicate:no');
    await waitForRows(page, [other, first]);
    await page.getByLabel('Search deliveries').fill('');

    await page.getByRole('tab', { name: /Inboxes/ }).click();
    const count = page.getByTestId('inbox-duplicates');
    await expect(count.textContent()).resolves.toBe('2 duplicates');
    await count.click();
    await waitForRows(page, [repeated, redelivered]);
  });
});
