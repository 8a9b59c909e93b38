import type { CloudflaredDownload, TunnelConnect, TunnelSettingsView, TunnelStatus } from '../../../../shared/api/tunnel-routes.js';
import type { ApiClient } from '../common/api-client.js';

/** The tunnel routes, paths and answer schemas taken from the shared contract. */
export class TunnelApi {
  constructor(private readonly client: ApiClient) {}

  getTunnel(): Promise<TunnelStatus> {
    return this.client.call('getTunnel');
  }

  /** Answers after the provider's first attempt: online, failed, or reconnecting. */
  connectTunnel(body: TunnelConnect): Promise<TunnelStatus> {
    return this.client.call('connectTunnel', { body });
  }

  disconnectTunnel(): Promise<TunnelStatus> {
    return this.client.call('disconnectTunnel');
  }

  /** Answers once the probe through the public URL is back. */
  probeTunnel(): Promise<TunnelStatus> {
    return this.client.call('probeTunnel');
  }

  getTunnelSettings(): Promise<TunnelSettingsView> {
    return this.client.call('getTunnelSettings');
  }

  downloadCloudflared(): Promise<CloudflaredDownload> {
    return this.client.call('downloadCloudflared');
  }
}
