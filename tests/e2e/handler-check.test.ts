import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Integration } from '../../shared/api/integrations.js';
import { startHandlerFixture } from '../support/handler-fixtures.js';
import { apiPost } from './support/api.js';
import { SHOTS_DIR } from './support/browser.js';
import { openSignedIn } from './support/ui.js';
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
});
