import type { tunnelRoutes } from '../../../shared/api/tunnel-routes.js';
import type { Handlers } from './router.js';
import type { TunnelService } from '../tunnel/tunnel-service.js';

/** The tunnel's routes: status, connect, disconnect, probe, saved settings and the cloudflared download. */
export function createTunnelHandlers(tunnel: TunnelService): Handlers<typeof tunnelRoutes> {
  return {
    getTunnel: () => tunnel.status(),
    connectTunnel: ({ body }) => tunnel.connect(body),
    disconnectTunnel: () => tunnel.disconnect(),
    probeTunnel: () => tunnel.probe(),
    getTunnelSettings: () => tunnel.settings(),
    downloadCloudflared: () => tunnel.downloadCloudflared(),
  };
}
