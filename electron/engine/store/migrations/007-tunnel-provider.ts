import type { Migration } from './migration.js';

/**
 * Tunnel providers: which one carried an incoming delivery (relay, cloudflare, ngrok, localtunnel)
 * and what reported the sender's address (e.g. "CF-Connecting-IP via cloudflare"). Tunnel
 * deliveries stored before providers existed all came through the relay. A partial index holds
 * only tunnel deliveries, so the provider filter is cheap and direct ingest pays nothing for it.
 */
export const tunnelProviderSchema: Migration = {
  version: 7,
  name: 'tunnel provider and sender address source',
  sql: `
    ALTER TABLE deliveries ADD COLUMN tunnel_provider TEXT;
    ALTER TABLE deliveries ADD COLUMN remote_address_source TEXT;
    UPDATE deliveries SET tunnel_provider = 'relay', remote_address_source = 'peer address via relay' WHERE via = 'tunnel';
    CREATE INDEX deliveries_by_tunnel_provider ON deliveries (tunnel_provider, seq) WHERE tunnel_provider IS NOT NULL;
  `,
};
