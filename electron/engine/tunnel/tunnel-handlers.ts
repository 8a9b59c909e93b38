import { HookbenchError } from '../../../shared/errors.js';
import type { tunnelRoutes } from '../../../shared/api/tunnel-routes.js';
import type { Handlers } from '../api/router.js';
import type { TunnelService } from './tunnel-service.js';

/** GET /api/tunnel, POST /api/tunnel/connect, POST /api/tunnel/disconnect. */
export function createTunnelHandlers(tunnel: TunnelService): Handlers<typeof tunnelRoutes> {
  return {
    getTunnel: () => tunnel.status(),
    connectTunnel: ({ body }) => tunnel.connect(body),
    disconnectTunnel: () => tunnel.disconnect(),
    probeTunnel: () => tunnel.status(),
    getTunnelSettings: () => {
      throw new HookbenchError('not_implemented', 'Tunnel settings are not available in this build yet.', 501);
    },
    downloadCloudflared: () => {
      throw new HookbenchError('not_implemented', 'Downloading cloudflared is not available in this build yet.', 501);
    },
  };
}
