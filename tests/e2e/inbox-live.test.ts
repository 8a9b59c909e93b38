import { describe, expect, it } from 'vitest';
import { getDelivery } from './support/api.js';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';

const CALL_COMPLETED = {
  event: 'call.completed',
  timestamp: '2026-02-24T21:00:00.000Z',
  organization_id: 'org-1',
  delivery_id: 'dlv-42',
  data: {
    call_id: 'call-7',
    caller_phone: '+1234567890',
    caller_name: 'Dave',
    caller_email: 'dave@example.com',
    duration_seconds: 55,
    summary: 'Called about auto repair. Wants to bring in a 2019 Honda Civic for brake inspection.',
    intent: 'book appointment',
    urgency: 'medium',
    big: 'BIG',
  },
};

describe('inbox', () => {
  const e2e = useE2eSession();

  it('shows a webhook live without reload, with headers in arrival order and duplicates, and the body exactly', async () => {
    const engine = await e2e.start();
    const watched = await e2e.watch();
    const { page } = watched;
    await page.goto(engine.uiUrl);

    await page.getByTestId('empty-inbox').waitFor();
    expect(await page.getByTestId('receiver-url-http').textContent()).toContain(engine.receiverHttp);
    await page.getByTestId('live-status').and(page.locator('[data-status="live"]')).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await screenshot(page, '01-empty-state');

    // Pretty-printed on purpose: the raw view must keep the sender's whitespace and the big number as sent.
    const body = JSON.stringify(CALL_COMPLETED, null, 2).replace('"big": "BIG"', '"big": 12345678901234567890123');
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-InboundFlow-Event', 'call.completed'],
      ['X-Repeated', 'first'],
      ['user-agent', 'InboundFlow-Webhook/1.0'],
      ['X-REPEATED', 'second'],
      ['X-InboundFlow-Delivery-Id', 'dlv-42'],
    ];
    const sent = await sendRawWebhook(engine.receiverHttp, { path: '/i/default/calls?src=test', headers, body });
    expect(sent.status).toBe(200);
    const id = sent.json.id!;

    const row = page.locator(`[role="row"][data-delivery-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('/i/default/calls?src=test');
    expect(await row.textContent()).toContain('call.completed');
    expect(await row.textContent()).toContain('200');

    for (let n = 0; n < 6; n += 1) {
      await sendRawWebhook(engine.receiverHttp, {
        method: n % 2 ? 'PUT' : 'POST',
        path: `/i/default/orders/${n}`,
        headers: [['Content-Type', 'application/json']],
        body: JSON.stringify({ order: n }),
      });
    }
    await page.locator('[role="row"]').nth(6).waitFor();
    expect(await page.locator('[role="row"]').first().textContent()).toContain('/i/default/orders/5');

    // Keyboard: j moves down the list, Enter opens.
    await page.locator('body').press('j');
    for (let n = 0; n < 6; n += 1) await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('delivery-detail');
    await detail.and(page.locator(`[data-delivery-id="${id}"]`)).waitFor();
    await page.getByTestId('inboundflow-card').waitFor();
    const card = await page.getByTestId('inboundflow-card').textContent();
    for (const fact of ['Call completed', 'Dave', '+1234567890', 'dave@example.com', 'brake inspection', 'book appointment', 'medium']) {
      expect(card).toContain(fact);
    }
    await screenshot(page, '02-list-and-overview');

    await page.getByRole('tab', { name: /Headers/ }).click();
    const record = await getDelivery(engine, id);
    const shownRows = await page
      .getByTestId('request-headers')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('.header-table__name')!.firstChild!.textContent,
          row.querySelector('.header-table__value')!.textContent,
        ]),
      );
    expect(shownRows).toEqual(record.headers);
    const sentOrder = headers.map(([name]) => name);
    expect(shownRows.map(([name]) => name).filter((name) => sentOrder.includes(name!))).toEqual(sentOrder);
    expect(await page.getByTestId('request-headers').textContent()).toContain('1 of 2');
    expect(await page.getByTestId('request-headers').textContent()).toContain('2 of 2');
    await screenshot(page, '03-detail-headers');

    await page.getByRole('tab', { name: /Body/ }).click();
    const tree = page.getByTestId('request-body');
    expect(await tree.getAttribute('data-mode')).toBe('json');
    await tree.locator('.cm-line').first().waitFor();
    expect(await tree.textContent()).toContain('12345678901234567890123');
    await screenshot(page, '04-detail-body-json');
    await page.getByRole('radio', { name: 'Raw' }).click();
    expect(await page.getByTestId('request-body').locator('pre').textContent()).toBe(body);
    await screenshot(page, '05-detail-body-raw');

    await page.getByRole('tab', { name: /Response/ }).click();
    await page.getByTestId('response').waitFor();
    expect(await page.getByTestId('response-body').textContent()).toContain(id);
    await screenshot(page, '06-detail-response');

    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });
});
