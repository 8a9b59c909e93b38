import type { TunnelStatus } from '../../../shared/api/tunnel-routes.js';
import type { Ingest } from '../../../electron/engine/receiver/ingest.js';
import { startTunnelClient, type TunnelClientOptions } from '../../../electron/engine/tunnel/tunnel-client.js';

/** The engine's tunnel client on its own, in front of any `ingest`; resolves once it is online. */
export async function startAppClient(relayUrl: string, token: string, ingest: Ingest, options: Partial<TunnelClientOptions> = {}) {
  const statuses: TunnelStatus[] = [];
  const listeners = new Set<() => void>();
  const client = startTunnelClient({
    relay: relayUrl,
    token,
    identity: { tunnelId: null, resume: null, url: null, hostUrl: null },
    ingest,
    maxBody: 10 * 1024 * 1024,
    retry: { baseMs: 100, maxMs: 500 },
    onIdentity: () => undefined,
    onStatus: (status) => {
      statuses.push(status);
      for (const listener of listeners) listener();
    },
    log: () => undefined,
    ...options,
  });
  /** The first status from index `from` on that matches. */
  const status = (check: (s: TunnelStatus) => boolean, from = 0): Promise<TunnelStatus> =>
    new Promise((resolve) => {
      const listener = () => {
        const found = statuses.slice(from).find(check);
        if (!found) return;
        listeners.delete(listener);
        resolve(found);
      };
      listeners.add(listener);
      listener();
    });
  const online = await status((s) => s.status === 'online');
  return { client, url: online.url!, statuses, status };
}
