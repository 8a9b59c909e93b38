import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../shared/api/tunnel-routes.js';
import type { Relay } from '../../electron/relay/relay-server.js';
import { tempDir } from '../support/temp-dir.js';
import { sendQueued } from '../tunnel/support/queued-load.js';
import { startTestRelay, TOKEN_A } from '../tunnel/support/relay-fixture.js';
import { waitUntil } from '../tunnel/support/wait.js';
import { apiGet, listDeliveries } from './support/api.js';
import { screenshot } from './support/browser.js';
import type { RunningEngine } from './support/engine.js';
import { useE2eSession } from './support/session.js';
import { openDelivery } from './support/ui.js';

async function tunnelWhen(engine: RunningEngine, check: (status: TunnelStatus) => boolean): Promise<TunnelStatus> {
  for (let asked = 0; asked < 1_000; asked += 1) {
    const status = await apiGet<TunnelStatus>(engine, '/api/tunnel');
    if (check(status)) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('The tunnel never reached the state asked for.');
}

async function shotOfPanel(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/hookbench-shots/${name}.png`, clip: { x: 1440 - 760, y: 0, width: 760, height: 560 } });
}

describe('deliveries that waited on the relay', () => {
  const e2e = useE2eSession({ expectSafePages: true });
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('the tunnel panel says how many waited while the app was away; the row and detail say the relay answered the sender', async () => {
    const queueDir = tempDir('hookbench-relay-queue-');
    cleanups.push(queueDir.remove);
    const relay: Relay = await startTestRelay({ queueDir: queueDir.path, holdMs: 100 });
    cleanups.push(() => relay.close());
    const env = { HOOKBENCH_RELAY_URL: relay.url, HOOKBENCH_RELAY_TOKEN: TOKEN_A, HOOKBENCH_TUNNEL_RETRY_MAX_MS: '500' };
    const first = await e2e.start({ env });
    const online = await tunnelWhen(first, (s) => s.status === 'online');
    await first.stop();
    const sent = await sendQueued(online.url!, 12);

    const engine = await e2e.start({ env, dataDir: first.dataDir, apiPort: first.apiPort });
    await waitUntil(() => relay.stats().queued === 0, 'the queue to drain');
    await tunnelWhen(engine, (s) => s.status === 'online' && s.relay_queue?.drained === 12);
    const { page } = await e2e.openSignedIn();

    await page.getByTestId('tunnel-pill').click();
    const note = page.getByTestId('relay-queue-note');
    await note.waitFor();
    expect(await note.textContent()).toBe('12 deliveries waited on the relay while you were away.');
    await shotOfPanel(page, 'relay-queue-panel');
    await page.getByTestId('tunnel-panel').getByRole('button', { name: 'Close' }).click();

    const newest = (await listDeliveries(engine, '?queued=true')).items[0];
    expect(newest.path).toBe(sent[11].path);
    await openDelivery(page, newest.id);
    const detail = page.locator(`[data-testid="delivery-detail"][data-delivery-id="${newest.id}"]`);
    expect(await page.locator(`[role="row"][data-delivery-id="${newest.id}"]`).getByTestId('via-tunnel').textContent()).toBe(
      'relay, queued',
    );
    expect(await detail.getByTestId('delivery-queued').textContent()).toMatch(
      /^Waited on the relay \d+s while you were away; .* The relay answered the sender itself\.$/,
    );
    const card = detail.getByTestId('answer-card');
    expect(await card.getAttribute('data-source')).toBe('relay_queue');
    expect(await card.textContent()).toContain('Queued by the relay while you were away — it answered the sender 202');
    await screenshot(page, 'relay-queue-detail');
  }, 90_000);
});
