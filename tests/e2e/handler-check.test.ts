import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Integration } from '../../shared/api/integrations.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { SLOW_MS, startHandlerFixture } from '../support/handler-fixtures.js';
import { apiCall, apiPost } from './support/api.js';
import { SHOTS_DIR } from './support/browser.js';
import { sendRawWebhook } from './support/raw-webhook.js';
import { openDelivery, openSignedIn } from './support/ui.js';
import { useE2eSession } from './support/session.js';

const SECRET = 'whsec_e2e_check';

describe('handler check in the UI', () => {
  const e2e = useE2eSession();

  it('runs the check from an integration card and shows the scorecard, each check linked to its delivery', async () => {
    const handler = await startHandlerFixture('accepts_forged', SECRET);
    try {
      const engine = await e2e.start({ allowHttpLocalhost: true });
      const integration = await apiPost<Integration>(engine, '/api/integrations', {
        kind: 'custom',
        name: 'Staging handler',
        url: handler.url,
        events: ['call.completed'],
        secret: SECRET,
      });
      const { page } = await e2e.watch();
      await openSignedIn(page, engine);
      await page.getByRole('tab', { name: /Integrations/ }).click();
      const card = page.getByRole('article', { name: 'Staging handler', exact: true });
      await card.getByRole('button', { name: 'Check this handler' }).click();

      const scorecard = card.getByTestId('scorecard');
      await scorecard.waitFor();
      expect(await scorecard.getAttribute('data-ok')).toBe('false');
      const verdicts = await scorecard
        .getByTestId('scorecard-check')
        .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-check-id'), row.getAttribute('data-verdict')]));
      expect(verdicts).toEqual([
        ['https', 'info'],
        ['event.call.completed', 'pass'],
        ['event.call.transferred', 'pass'],
        ['event.appointment.booked', 'pass'],
        ['event.lead.created', 'pass'],
        ['redelivery', 'pass'],
        ['forged.wrong_signature', 'fail'],
        ['forged.missing_signature', 'fail'],
        ['forged.body_changed', 'fail'],
        ['reserialized_body', 'info'],
      ]);
      await expect(scorecard.getByRole('status').textContent()).resolves.toMatch(
        /^3 required checks failed · 5 pass, 0 warn, 3 fail, 2 info/,
      );
      const forged = scorecard.locator('[data-check-id="forged.wrong_signature"]');
      await expect(forged.textContent()).resolves.toContain(
        'Accepts forged deliveries: answered 200 to a signature made with another secret.',
      );
      mkdirSync(SHOTS_DIR, { recursive: true });
      await card.screenshot({ path: `${SHOTS_DIR}/handler-check-scorecard.png` });

      // Each check's delivery is an ordinary outgoing delivery: open it from the scorecard.
      const recordId = await forged.locator('[data-delivery-id]').getAttribute('data-delivery-id');
      await forged.getByRole('button', { name: /Open delivery/ }).click();
      await page.locator(`[data-testid="delivery-detail"][data-delivery-id="${recordId}"]`).waitFor();
      expect(integration.consecutive_failures).toBe(0);
    } finally {
      await handler.close();
    }
  });

  it('flags a forwarded delivery whose handler took more than 2 s with the time and InboundFlow’s timeout', async () => {
    const handler = await startHandlerFixture('slow', SECRET);
    try {
      const engine = await e2e.start();
      expect((await apiCall(engine, 'PATCH', '/api/inboxes/default', { forward_to: handler.url, secret: SECRET })).status).toBe(200);
      const body = JSON.stringify({ event: 'call.transferred', delivery_id: 'slow-1', data: {} });
      const timestamp = Math.floor(Date.now() / 1000);
      const sent = await sendRawWebhook(engine.receiverHttp, {
        path: '/',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-InboundFlow-Event', 'call.transferred'],
          ['X-InboundFlow-Delivery-Id', 'slow-1'],
          ['X-InboundFlow-Timestamp', String(timestamp)],
          ['X-InboundFlow-Signature', sign(SECRET, timestamp, body)],
        ],
        body,
      });
      expect(sent.status).toBe(200);
      const id = /dlv_\w+/.exec(JSON.stringify(await apiCall(engine, 'GET', '/api/deliveries?limit=1')))![0];

      const { page } = await e2e.watch();
      await openSignedIn(page, engine);
      await openDelivery(page, id);
      const badge = page.getByTestId('answer-card').getByTestId('slow-answer');
      expect(await badge.getAttribute('data-speed')).toBe('slow');
      await expect(badge.textContent()).resolves.toMatch(
        new RegExp(
          `^Slow · ${(SLOW_MS / 1000).toFixed(0)}\\.\\d sAnswered in \\d\\.\\d s: InboundFlow times out at 10\\.0 s; answer first, work after\\.$`,
        ),
      );
      mkdirSync(SHOTS_DIR, { recursive: true });
      await page.getByTestId('answer-card').screenshot({ path: `${SHOTS_DIR}/slow-answer-badge.png` });

      // The forward-to target is checked from the inbox's answer settings, with the inbox's secret.
      await page.getByRole('tab', { name: /Inboxes/ }).click();
      const answers = page.getByTestId('inbox-answers');
      await answers.getByRole('button', { name: 'Check this handler' }).click();
      const transferred = answers.locator('[data-testid="scorecard-check"][data-check-id="event.call.transferred"]');
      await transferred.waitFor({ timeout: 20_000 });
      expect(await transferred.getAttribute('data-verdict')).toBe('warn');
      expect(await answers.getByTestId('scorecard').getAttribute('data-ok')).toBe('true');
      await answers.screenshot({ path: `${SHOTS_DIR}/forward-target-check.png` });
    } finally {
      await handler.close();
    }
  });
});
