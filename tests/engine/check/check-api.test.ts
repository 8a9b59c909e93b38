import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryList } from '../../../shared/api/deliveries.js';
import type { Scorecard } from '../../../shared/handler-check/scorecard.js';
import { startHandlerFixture, type HandlerFixture } from '../../support/handler-fixtures.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import { createIntegration, post } from '../dispatch/support/engine-harness.js';

const SECRET = 'whsec_api_check';
let t: TestEngine;
let good: HandlerFixture;

beforeAll(async () => {
  t = await startTestEngine({ allowHttpLocalhost: true });
  good = await startHandlerFixture('good', SECRET);
});
afterAll(async () => {
  await good.close();
  await t.stop();
});

describe('POST /api/checks', () => {
  it('stores every delivery of the check as an ordinary outgoing delivery, not counted against any integration', async () => {
    const card = await t.apiJson<Scorecard>('/api/checks', post({ url: good.url, secret: SECRET }));
    expect(card.ok).toBe(true);
    const ids = card.checks.flatMap((c) => (c.delivery?.record_id ? [c.delivery.record_id] : []));
    expect(ids).toHaveLength(9);
    const list = await t.apiJson<DeliveryList>('/api/deliveries?direction=out&limit=50');
    const stored = list.items.filter((d) => ids.includes(d.id));
    expect(stored).toHaveLength(9);
    expect(stored.every((d) => d.integration_id === null && d.direction === 'out')).toBe(true);
    const record = await t.apiJson<{ attempts: { response: { status: number } | null }[] }>(`/api/deliveries/${ids[6]}`);
    expect(record.attempts[0].response?.status).toBe(401);
  });

  it('checks an integration with its own URL and secret, and counts down from its current failure streak', async () => {
    const broken = await startHandlerFixture('refuses_valid', SECRET);
    try {
      const integration = await createIntegration(t, { url: broken.url, secret: SECRET });
      await t.apiJson('/api/events', post({ event: 'call.completed', integration_ids: [integration.id], wait: true }));
      const card = await t.apiJson<Scorecard>('/api/checks', post({ integration_id: integration.id }));
      expect(card).toMatchObject({ integration_id: integration.id, secret_given: true, ok: false });
      expect(card.checks[1].sentence).toMatch(/already has 1 failure in a row, so 9 more disable it\.$/);
      const after = await t.apiJson<{ consecutive_failures: number }>(`/api/integrations/${integration.id}`);
      expect(after.consecutive_failures).toBe(1);
    } finally {
      await broken.close();
    }
  });

  it('refuses a request naming no target, or a URL it cannot send to, in one sentence', async () => {
    const none = await t.api('/api/checks', post({ secret: 'x' }));
    expect(none.status).toBe(400);
    const ftp = await t.api('/api/checks', post({ url: 'ftp://example.com/hook' }));
    expect(await ftp.json()).toMatchObject({ error: 'url_invalid' });
    const inbox = await t.api('/api/checks', post({ inbox: 'default' }));
    expect(await inbox.json()).toMatchObject({ error: 'no_forward_to' });
  });
});
