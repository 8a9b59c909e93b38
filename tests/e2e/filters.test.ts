import { describe, expect, it } from 'vitest';
import type { Inbox } from '../../shared/api/inboxes.js';
import { apiPost } from './support/api.js';
import { screenshot } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { useE2eSession } from './support/session.js';
import { waitForRows } from './support/ui.js';

const json = (value: unknown) => ({ headers: [['Content-Type', 'application/json']] as [string, string][], body: JSON.stringify(value) });

describe('filters', () => {
  const e2e = useE2eSession();

  it('narrow the list by event, inbox, free text, status and direction, and keep narrowing live arrivals', async () => {
    const engine = await e2e.start();
    const stripe = await apiPost<Inbox>(engine, '/api/inboxes', { name: 'Stripe', slug: 'stripe' });
    const call = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/calls',
      ...json({ event: 'call.completed', data: { caller_name: 'Dave' } }),
    });
    const charge = await sendRawWebhook(engine.receiverHttp, { path: '/i/stripe/charge', ...json({ type: 'charge.succeeded' }) });
    const lead = await sendRawWebhook(engine.receiverHttp, { path: '/i/default/leads', ...json({ event: 'lead.created', data: {} }) });
    const [callId, chargeId, leadId] = [call, charge, lead].map((sent) => sent.json.id!);

    const watched = await e2e.openSignedIn();
    const { page } = watched;
    await waitForRows(page, [leadId, chargeId, callId]);

    await page.getByLabel('Event type').fill('call.completed');
    await waitForRows(page, [callId]);
    await page.getByLabel('Event type').fill('');
    await waitForRows(page, [leadId, chargeId, callId]);

    await page.getByLabel('Inbox').selectOption(stripe.id);
    await waitForRows(page, [chargeId]);
    await page.getByLabel('Inbox').selectOption('');

    await page.keyboard.press('Escape'); // leaves the field; `/` typed inside a field is just a character
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search deliveries');
    await page.keyboard.type('leads');
    await waitForRows(page, [leadId]);
    await screenshot(page, '08-list-filtered');
    await page.getByLabel('Search deliveries').fill('');
    await waitForRows(page, [leadId, chargeId, callId]);

    await page.getByLabel('Status').selectOption('4xx');
    await page.getByTestId('no-matches').waitFor();
    await page.getByLabel('Status').selectOption('2xx');
    await waitForRows(page, [leadId, chargeId, callId]);
    await page.getByLabel('Status').selectOption('');

    await page.getByLabel('Direction').selectOption('out');
    await page.getByTestId('no-matches').waitFor();
    await page.getByLabel('Direction').selectOption('in');
    await waitForRows(page, [leadId, chargeId, callId]);

    // A live arrival joins the list only when it matches the filters in force.
    await page.getByLabel('Event type').fill('lead.created');
    await waitForRows(page, [leadId]);
    const otherCall = await sendRawWebhook(engine.receiverHttp, {
      path: '/i/default/calls/2',
      ...json({ event: 'call.completed', data: {} }),
    });
    const newLead = await sendRawWebhook(engine.receiverHttp, { path: '/i/default/leads/2', ...json({ event: 'lead.created', data: {} }) });
    await waitForRows(page, [newLead.json.id!, leadId]);
    await page.getByRole('button', { name: 'Clear' }).click();
    await waitForRows(page, [newLead.json.id!, otherCall.json.id!, leadId, chargeId, callId]);
    expect(watched.safety).toEqual({ dialogs: [], foreignRequests: [], pageErrors: [] });
  });
});
