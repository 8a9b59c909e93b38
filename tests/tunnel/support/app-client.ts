import type { TunnelError } from '../../../shared/api/tunnel-routes.js';
import type { Ingest } from '../../../electron/engine/receiver/ingest.js';
import type { ProviderReport } from '../../../electron/engine/tunnel/provider.js';
import { startTunnelClient, type TunnelClientOptions } from '../../../electron/engine/tunnel/tunnel-client.js';

/** What the client reported, flattened so tests read state, URL and error alike. */
export interface ClientReport {
  status: ProviderReport['state'];
  url: string | null;
  error: TunnelError | null;
}

function flatten(report: ProviderReport): ClientReport {
  return {
    status: report.state,
    url: report.state === 'online' ? report.url : null,
    error: report.state === 'reconnecting' || report.state === 'failed' ? report.error : null,
  };
}

/** The engine's tunnel client on its own, in front of any `ingest`; resolves once it is online. */
export async function startAppClient(relayUrl: string, token: string, ingest: Ingest, options: Partial<TunnelClientOptions> = {}) {
  const statuses: ClientReport[] = [];
  const listeners = new Set<() => void>();
  const client = startTunnelClient({
    relay: relayUrl,
    token,
    identity: { tunnelId: null, resume: null, url: null, hostUrl: null },
    ingest,
    maxBody: 10 * 1024 * 1024,
    retry: { baseMs: 100, maxMs: 500 },
    onIdentity: () => undefined,
    onReport: (report) => {
      statuses.push(flatten(report));
      for (const listener of listeners) listener();
    },
    log: () => undefined,
    ...options,
  });
  /** The first report from index `from` on that matches. */
  const status = (check: (s: ClientReport) => boolean, from = 0): Promise<ClientReport> =>
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
