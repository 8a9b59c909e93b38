import { z } from 'zod';
import { TUNNEL_ID_PATTERN } from '../tunnel/control-frames.js';
import { IsoTime } from './common.js';
import type { RouteContract } from './route-contract.js';

export const TunnelState = z.enum(['offline', 'connecting', 'online', 'reconnecting']).meta({
  description:
    'offline: not connected and not trying; connecting: first attempt; online: requests flow; reconnecting: waiting for the next attempt.',
});

export const TunnelStatus = z.object({
  status: TunnelState,
  url: z
    .string()
    .nullable()
    .meta({ description: 'Public URL (path-based). Kept while reconnecting: the relay holds requests for it meanwhile.' }),
  host_url: z.string().nullable().meta({ description: 'Host-based public URL when the relay has a domain.' }),
  relay: z.string().nullable(),
  tunnel_id: z.string().nullable(),
  since: IsoTime.meta({ description: 'When the tunnel entered this status.' }),
  attempt: z.number().int().nonnegative().meta({ description: 'Failed attempts since the tunnel was last online.' }),
  next_attempt_at: IsoTime.nullable(),
  error: z
    .object({ code: z.string(), message: z.string() })
    .nullable()
    .meta({ description: 'Why the last attempt failed or the connection ended.' }),
});
export type TunnelStatus = z.infer<typeof TunnelStatus>;

export const TunnelConnect = z.strictObject({
  relay: z.string().url('relay must be a URL such as https://relay.example.com').optional().meta({
    description: 'Relay base URL. Defaults to the one from --relay / HOOKBENCH_RELAY_URL or the last one used.',
  }),
  token: z.string().min(1).max(512).optional().meta({ description: 'Relay token. Defaults like relay; never returned by the API.' }),
  name: z.string().regex(TUNNEL_ID_PATTERN, 'name must be one lowercase DNS label').optional().meta({
    description: "A tunnel name reserved for this token in the relay's tokens file.",
  }),
});
export type TunnelConnect = z.infer<typeof TunnelConnect>;

/** The tunnel client's routes. */
export const tunnelRoutes = {
  getTunnel: { method: 'GET', path: '/api/tunnel', summary: 'Tunnel status and public URL', response: TunnelStatus },
  connectTunnel: {
    method: 'POST',
    path: '/api/tunnel/connect',
    summary: 'Connect to a relay (and keep reconnecting); answers after the first attempt',
    body: TunnelConnect.optional(),
    response: TunnelStatus,
  },
  disconnectTunnel: { method: 'POST', path: '/api/tunnel/disconnect', summary: 'Disconnect and stop reconnecting', response: TunnelStatus },
} as const satisfies Record<string, RouteContract>;
