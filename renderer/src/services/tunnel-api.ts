import { TunnelStatus, type TunnelConnect } from '../../../shared/api/tunnel-routes.js';
import type { ApiClient } from './api-client.js';

/** The tunnel routes: status, connect (answers after the first attempt), disconnect. */
export class TunnelApi {
  constructor(private readonly client: ApiClient) {}

  getTunnel(): Promise<TunnelStatus> {
    return this.client.request('GET', '/api/tunnel', { schema: TunnelStatus });
  }

  connectTunnel(body: TunnelConnect): Promise<TunnelStatus> {
    return this.client.request('POST', '/api/tunnel/connect', { body, schema: TunnelStatus });
  }

  disconnectTunnel(): Promise<TunnelStatus> {
    return this.client.request('POST', '/api/tunnel/disconnect', { schema: TunnelStatus });
  }
}
