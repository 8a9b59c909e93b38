import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import { startTestEngine, type TestEngine } from '../../support/test-engine.js';
import type { EngineConfigInput } from '../../../electron/engine/config.js';
import type { Relay } from '../../../electron/relay/relay-server.js';

/** Resolves with the next tunnel.status live message that satisfies `check` (or the current status, if it already does). */
export function tunnelStatus(engine: TestEngine, check: (status: TunnelStatus) => boolean, timeoutMs = 10_000): Promise<TunnelStatus> {
  return new Promise((resolve, reject) => {
    const current = engine.engine.tunnel.status();
    if (check(current)) return resolve(current);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`tunnel status never matched; last: ${JSON.stringify(engine.engine.tunnel.status())}`));
    }, timeoutMs);
    const unsubscribe = engine.engine.events.subscribe((message) => {
      if (message.type !== 'tunnel.status' || !check(message)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(message);
    });
  });
}

/** The real engine with its tunnel connected to `relay`; resolves once the tunnel is online. */
export async function startTunnelEngine(relay: Relay | string, token: string, overrides: Partial<EngineConfigInput> = {}) {
  const engine = await startTestEngine({
    relayUrl: typeof relay === 'string' ? relay : relay.url,
    relayToken: token,
    tunnelRetryMaxMs: 500,
    ...overrides,
  });
  const online = await tunnelStatus(engine, (s) => s.status === 'online');
  return { engine, url: online.url!, status: online };
}
