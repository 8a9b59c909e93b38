import {
  tunnelRoutes,
  type CloudflaredDownload,
  type TunnelConnect,
  type TunnelSettingsView,
  type TunnelStatus,
} from '../../../../shared/api/tunnel-routes.js';
import type { ApiClient } from '../common/api-client.js';

const routes = tunnelRoutes;

/** The tunnel routes, paths and answer schemas taken from the shared contract. */
export class TunnelApi {
  constructor(private readonly client: ApiClient) {}

  getTunnel(): Promise<TunnelStatus> {
    return this.client.request(routes.getTunnel.method, routes.getTunnel.path, { schema: routes.getTunnel.response });
  }

  /** Answers after the provider's first attempt: online, failed, or reconnecting. */
  connectTunnel(body: TunnelConnect): Promise<TunnelStatus> {
    return this.client.request(routes.connectTunnel.method, routes.connectTunnel.path, { body, schema: routes.connectTunnel.response });
  }

  disconnectTunnel(): Promise<TunnelStatus> {
    return this.client.request(routes.disconnectTunnel.method, routes.disconnectTunnel.path, { schema: routes.disconnectTunnel.response });
  }

  /** Answers once the probe through the public URL is back. */
  probeTunnel(): Promise<TunnelStatus> {
    return this.client.request(routes.probeTunnel.method, routes.probeTunnel.path, { schema: routes.probeTunnel.response });
  }

  getTunnelSettings(): Promise<TunnelSettingsView> {
    return this.client.request(routes.getTunnelSettings.method, routes.getTunnelSettings.path, {
      schema: routes.getTunnelSettings.response,
    });
  }

  downloadCloudflared(): Promise<CloudflaredDownload> {
    return this.client.request(routes.downloadCloudflared.method, routes.downloadCloudflared.path, {
      schema: routes.downloadCloudflared.response,
    });
  }
}
