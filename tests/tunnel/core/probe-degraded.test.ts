import { afterEach, describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import { postJson, recordEvents, startCoreEngine } from './support/core-engine.js';
import { standInProviders } from './support/stand-in-provider.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const statusesOf = (messages: Array<{ type: string }>) =>
  messages.filter((m): m is TunnelStatus & { type: 'tunnel.status' } => m.type === 'tunnel.status');

describe('liveness probe', () => {
  it('shows a provider that stays connected while its public side drops requests as degraded within a probe interval, and online again once requests pass', async () => {
    const { factory, control } = standInProviders();
    const engine = await startCoreEngine({ tunnelProbeIntervalMs: 300, tunnelProbeSettleMs: 0 }, { tunnelProviders: factory });
    cleanups.push(() => engine.stop());
    const events = recordEvents(engine);
    const online = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    expect(online).toMatchObject({ status: 'online', probe: { ok: true } });

    const from = events.messages.length;
    control.setMode('drop');
    const degraded = await events.next((m) => m.type === 'tunnel.status' && m.status === 'degraded', from);
    expect(degraded).toMatchObject({ url: online.url, probe: { ok: false }, error: { code: 'probe_failed' } });
    expect(degraded.error.fix).toBeTruthy();
    // Straight from online to degraded (a probe already past the proxy may still pass first): no other state between.
    expect(
      statusesOf(events.messages.slice(from))
        .map((s) => s.status)
        .filter((s) => s !== 'online'),
    ).toEqual(['degraded']);
    expect(await engine.apiJson('/api/tunnel')).toMatchObject({ status: 'degraded', url: online.url });

    const back = events.messages.length;
    control.setMode('pass');
    const again = await events.next((m) => m.type === 'tunnel.status' && m.status === 'online', back);
    expect(again).toMatchObject({ url: online.url, error: null, probe: { ok: true } });
    // The provider never reported a loss: only the probe moved the status.
    expect(statusesOf(events.messages).some((s) => s.status === 'reconnecting')).toBe(false);
  });

  it('retries quickly after the provider comes online before calling a failing probe degraded (a quick tunnel takes a moment)', async () => {
    const { factory, control } = standInProviders();
    const engine = await startCoreEngine({ tunnelProbeIntervalMs: 60_000, tunnelProbeSettleMs: 15_000 }, { tunnelProviders: factory });
    cleanups.push(() => engine.stop());
    const events = recordEvents(engine);
    control.setMode('drop');
    const connecting = engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    const trying = await events.next((m) => m.type === 'tunnel.status' && m.status === 'starting' && m.probe?.ok === false);
    expect(trying.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    control.setMode('pass');
    // The connect answers once the probe proves the URL: online, never degraded on the way.
    expect(await connecting).toMatchObject({ status: 'online', url: trying.url, probe: { ok: true } });
    expect(statusesOf(events.messages).map((s) => s.status)).not.toContain('degraded');
  });

  it('answers an on-demand probe with the status once the probe is back', async () => {
    const { factory, control } = standInProviders();
    const engine = await startCoreEngine({ tunnelProbeIntervalMs: 60_000, tunnelProbeSettleMs: 0 }, { tunnelProviders: factory });
    cleanups.push(() => engine.stop());
    await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    control.setMode('drop');
    expect(await engine.apiJson('/api/tunnel/probe', postJson())).toMatchObject({ status: 'degraded', probe: { ok: false } });
    control.setMode('pass');
    expect(await engine.apiJson('/api/tunnel/probe', postJson())).toMatchObject({ status: 'online', probe: { ok: true } });
  });
});
