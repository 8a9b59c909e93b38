import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { postJson, recordEvents, startCoreEngine } from './support/core-engine.js';
import { standInProviders } from './support/stand-in-provider.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('public URL changes', () => {
  it('sends tunnel.url_changed and shows the change when the provider comes back with another URL, also across restarts', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = standInProviders();
    const engine = await startCoreEngine({ dataDir: dir.path, tunnelProbeSettleMs: 0 }, { tunnelProviders: first.factory });
    const events = recordEvents(engine);
    const online = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    // The first URL this provider ever had is no change.
    expect(online).toMatchObject({ status: 'online', url_change: null, url_stable: false });
    expect(events.messages.some((m) => m.type === 'tunnel.url_changed')).toBe(false);

    const moved = await first.control.moveToNewUrl();
    const changed = await events.next((m) => m.type === 'tunnel.url_changed');
    expect(changed).toMatchObject({ provider: 'cloudflare', from: online.url, to: moved });
    expect(Date.parse(changed.at)).not.toBeNaN();
    const status = await events.next((m) => m.type === 'tunnel.status' && m.status === 'online' && m.url === moved);
    expect(status.url_change).toEqual({ from: online.url, to: moved, at: changed.at });
    // Every step on the way was on the live feed too.
    expect(events.messages.filter((m) => m.type === 'tunnel.status').length).toBeGreaterThanOrEqual(4);
    await engine.engine.stop();

    // The last URL is kept per provider: after a restart a new quick tunnel is a change from it.
    const second = standInProviders();
    const restarted = await startCoreEngine({ dataDir: dir.path, tunnelProbeSettleMs: 0 }, { tunnelProviders: second.factory });
    cleanups.push(() => restarted.engine.stop());
    const afterRestart = recordEvents(restarted);
    const again = await afterRestart.next((m) => m.type === 'tunnel.status' && m.status === 'online');
    expect(second.control.started).toBe(1);
    expect(again.url_change).toMatchObject({ from: moved, to: again.url });
    expect(await afterRestart.next((m) => m.type === 'tunnel.url_changed')).toMatchObject({ from: moved, to: again.url });
  });
});
