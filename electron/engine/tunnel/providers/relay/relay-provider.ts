import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { URL_ARRIVAL_TIMEOUT_MS, type ProviderContext, type ProviderReport, type TunnelProvider } from '../../provider.js';
import type { BackoffSettings } from '../../reconnect-backoff.js';
import { startTunnelClient, type TunnelClient, type TunnelIdentity } from '../../tunnel-client.js';
import type { RelayQueueEvent } from '../../connection-contract.js';

export interface RelaySettings {
  /** Normalized relay base URL (https://host[:port]). */
  relay: string;
  token: string;
  /** The id to ask for, and what the relay said about it last time. */
  identity: TunnelIdentity;
  /** PEM of a private CA to trust for the relay's certificate. */
  ca?: string;
  retry: BackoffSettings;
  clientName: string;
  /** The relay gave an id (new or the same): the service saves it so a restarted app keeps its URL. */
  onIdentity(identity: TunnelIdentity): void;
  /** What the relay's queue (--queue) says and brings for this tunnel. */
  onQueueEvent(event: RelayQueueEvent): void;
}

/** One line a user can act on, per refusal the relay or the network gives. */
const RELAY_FIXES: Record<string, string> = {
  unauthorized: 'Check the relay token (--relay-token / HOOKBENCH_RELAY_TOKEN) against the relay’s tokens file.',
  unsupported_version: 'Update Hookbench or the relay so both speak the same tunnel version.',
  too_many_tunnels: 'Disconnect another app that uses this token, or raise the token’s tunnel limit on the relay.',
  tunnel_id_not_yours: 'Ask for a name reserved for this token in the relay’s tokens file, or connect without a name.',
  tunnel_id_in_use: 'Another app holds this tunnel name; stop it or connect under another name.',
  ECONNREFUSED: 'Check that the relay runs and that the URL and port are right.',
  ENOTFOUND: 'Check the relay’s host name.',
};

function withFix(error: TunnelError): TunnelError {
  if (error.fix) return error;
  const fix =
    RELAY_FIXES[error.code] ?? (/CERT|SIGNATURE|SELF_SIGNED|ALTNAME/.test(error.code) ? 'Trust the relay’s CA with --relay-ca.' : null);
  return { ...error, fix };
}

/** Today's relay client behind the provider boundary: it carries requests itself, through the tunnel ingest. */
export function createRelayProvider(settings: RelaySettings, context: ProviderContext): TunnelProvider {
  let client: TunnelClient | null = null;
  let stopped = false;
  return {
    name: 'relay',
    async start() {
      if (client || stopped) return;
      client = startTunnelClient({
        relay: settings.relay,
        token: settings.token,
        identity: settings.identity,
        ca: settings.ca,
        ingest: context.ingest,
        maxBody: context.maxBody,
        retry: settings.retry,
        clientName: settings.clientName,
        log: context.log,
        onIdentity: (identity) => {
          if (!stopped) settings.onIdentity(identity);
        },
        onQueueEvent: (event) => settings.onQueueEvent(event),
        onReport: (report: ProviderReport) => {
          if (stopped) return;
          context.report(
            report.state === 'reconnecting' || report.state === 'failed' ? { ...report, error: withFix(report.error) } : report,
          );
        },
      });
      await Promise.race([client.firstAttempt, new Promise((r) => setTimeout(r, URL_ARRIVAL_TIMEOUT_MS).unref())]);
    },
    async stop(graceMs, switchedOff) {
      stopped = true;
      await client?.stop(graceMs, switchedOff);
    },
  };
}
