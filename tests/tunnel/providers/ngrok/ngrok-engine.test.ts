import { afterEach, describe, expect, it } from 'vitest';
import { createProvider, type ProviderFactory } from '../../../../electron/engine/tunnel/provider-registry.js';
import { createNgrokProvider } from '../../../../electron/engine/tunnel/providers/ngrok/ngrok-provider.js';
import { postJson, recordEvents, startCoreEngine } from '../../core/support/core-engine.js';
import { STAND_IN_AUTHTOKEN, startNgrokServer, type NgrokServer } from './support/ngrok-server.js';

/**
 * The whole engine (tunnel service, ingress, probe, store) with the real ngrok provider and SDK,
 * pointed at the loopback stand-in for the ngrok service. Only the server address and its CA are
 * swapped in, where the registry would pass ngrok's own.
 */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function throughStandIn(ngrok: NgrokServer): ProviderFactory {
  return (resolved, context, hooks) =>
    resolved.provider === 'ngrok'
      ? createNgrokProvider(
          {
            authtoken: resolved.authtoken,
            domain: resolved.domain,
            serverAddr: ngrok.serverAddr,
            serverCa: ngrok.caPem,
            heartbeatSeconds: 1,
          },
          context,
        )
      : createProvider(resolved, context, hooks);
}

async function engineWithStandIn(options: Parameters<typeof startNgrokServer>[0] = {}) {
  const ngrok = await startNgrokServer(options);
  cleanups.push(() => ngrok.stop());
  const engine = await startCoreEngine({ tunnelProbeIntervalMs: 500, tunnelProbeSettleMs: 0 }, { tunnelProviders: throughStandIn(ngrok) });
  cleanups.push(() => engine.stop());
  return { ngrok, engine, events: recordEvents(engine) };
}

describe('engine with the ngrok provider against a stand-in ngrok service', () => {
  it('connects, proves the URL with a probe, and stores a request sent to it as via tunnel, ngrok, with the sender from X-Forwarded-For', async () => {
    const { ngrok, engine } = await engineWithStandIn();

    const online = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'ngrok', authtoken: STAND_IN_AUTHTOKEN }));
    await engine.apiJson('/api/inboxes', postJson({ name: 'Orders', slug: 'orders' }));
    const response = await fetch(`${online.url}/i/orders/hook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":1}',
    });
    const stored = await engine.apiJson(`/api/deliveries/${((await response.json()) as { id: string }).id}`);

    expect(online).toMatchObject({
      provider: 'ngrok',
      status: 'online',
      url: ngrok.endpoints()[0].url,
      url_stable: false,
      probe: { ok: true },
    });
    expect(response.status).toBe(200);
    expect(stored).toMatchObject({
      via: 'tunnel',
      tunnel_provider: 'ngrok',
      method: 'POST',
      path: '/i/orders/hook',
      remote_address: '127.0.0.1',
      remote_address_source: 'X-Forwarded-For via ngrok',
    });
  });

  it('shows a dropped ngrok session as reconnecting, then online at the same URL with a passing probe', async () => {
    const { ngrok, engine, events } = await engineWithStandIn();
    const online = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'ngrok', authtoken: STAND_IN_AUTHTOKEN }));
    const from = events.messages.length;

    ngrok.dropSessions();
    const reconnecting = await events.next((m) => m.type === 'tunnel.status' && m.status === 'reconnecting', from);
    const back = await events.next((m) => m.type === 'tunnel.status' && m.status === 'online' && m.probe?.ok === true, from);

    expect(reconnecting).toMatchObject({ provider: 'ngrok', url: online.url, error: { code: 'ngrok_connection_lost' } });
    expect(back.url).toBe(online.url);
    expect(events.messages.some((m) => m.type === 'tunnel.url_changed')).toBe(false);
  });

  it('fails on a refused authtoken with the fix, and keeps that authtoken out of the API', async () => {
    const { engine } = await engineWithStandIn();
    const token = 'refused_5fQ2kLm8Xz0aB7cD9eF1gH3iJ4kL6mN8oP0qR2sT';

    const status = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'ngrok', authtoken: token }));
    const settings = await engine.apiJson('/api/tunnel/settings');

    expect(status).toMatchObject({ provider: 'ngrok', status: 'failed', url: null, error: { code: 'ngrok_authtoken_invalid' } });
    expect(status.error.fix).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(JSON.stringify(status)).not.toContain(token);
    expect(JSON.stringify(settings)).not.toContain(token);
  });
});
