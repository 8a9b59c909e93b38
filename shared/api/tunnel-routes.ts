import { z } from 'zod';
import { TUNNEL_ID_PATTERN } from '../tunnel/control-frames.js';
import { IsoTime } from './common.js';
import type { RouteContract } from './route-contract.js';

/** The four ways Hookbench gets a public URL. */
export const TunnelProviderName = z.enum(['relay', 'cloudflare', 'ngrok', 'localtunnel']).meta({
  description:
    'relay: a self-hosted `hookbench relay`; cloudflare: a Cloudflare quick tunnel through the user’s cloudflared (no account); ngrok: the ngrok SDK (authtoken); localtunnel: the localtunnel protocol (localtunnel.me or a self-hosted server).',
});
export type TunnelProviderName = z.infer<typeof TunnelProviderName>;

export const TunnelState = z.enum(['offline', 'starting', 'online', 'degraded', 'reconnecting', 'failed']).meta({
  description:
    'offline: off; starting: first attempt under way; online: connected and the last probe through the public URL passed; degraded: the provider says connected but the probe fails; reconnecting: lost, next attempt scheduled; failed: stopped trying (see error.fix).',
});
export type TunnelState = z.infer<typeof TunnelState>;

/** Every tunnel error carries what to do about it, in one line. */
export const TunnelError = z.object({
  code: z.string().meta({ description: 'Stable code, e.g. cloudflared_not_found, ngrok_authtoken_invalid, url_timeout.' }),
  message: z.string().meta({ description: 'One line: what went wrong.' }),
  fix: z.string().nullable().meta({ description: 'One line: what to do about it, when something can be done.' }),
});
export type TunnelError = z.infer<typeof TunnelError>;

/** The last liveness probe: a request the engine sent to itself through the public URL. */
export const TunnelProbe = z.object({
  ok: z.boolean(),
  at: IsoTime.meta({ description: 'When the probe finished.' }),
  rtt_ms: z.number().nonnegative().nullable().meta({ description: 'Round trip through the public URL, when it came back.' }),
  error: z.string().nullable().meta({ description: 'Why it failed, one line.' }),
});
export type TunnelProbe = z.infer<typeof TunnelProbe>;

export const TunnelUrlChange = z.object({
  from: z.string(),
  to: z.string(),
  at: IsoTime,
});
export type TunnelUrlChange = z.infer<typeof TunnelUrlChange>;

/** What a relay with --queue kept for this tunnel while the app was away, since this connect. */
export const RelayQueueCounts = z.object({
  waiting: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Requests the relay still holds for this app (they arrive first, oldest first).' }),
  drained: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Queued requests stored since this connect: they waited on the relay while the app was away.' }),
  duplicates: z.number().int().nonnegative().meta({
    description: 'Queued requests the relay sent again (after a crash mid-drain) that were already stored; acknowledged, not stored twice.',
  }),
  dropped_expired: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Requests the relay dropped for being older than its --queue-max-age.' }),
  refused_full: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Senders the relay refused with 507 queue_full while this queue was full.' }),
  last_drained_at: IsoTime.nullable().meta({ description: 'When the last queued request arrived here.' }),
});
export type RelayQueueCounts = z.infer<typeof RelayQueueCounts>;

export const TunnelStatus = z.object({
  provider: TunnelProviderName.nullable().meta({ description: 'The provider in use, or the last one chosen while offline.' }),
  status: TunnelState,
  url: z.string().nullable().meta({ description: 'Public base URL (no trailing slash). Kept while reconnecting or degraded.' }),
  url_stable: z.boolean().meta({
    description: 'True when the URL survives a restart (relay, ngrok with a domain, localtunnel when its subdomain is granted again).',
  }),
  since: IsoTime.meta({ description: 'When the tunnel entered this status.' }),
  attempt: z.number().int().nonnegative().meta({ description: 'Failed attempts since the tunnel was last online.' }),
  next_attempt_at: IsoTime.nullable(),
  error: TunnelError.nullable().meta({ description: 'Why the last attempt failed, the connection ended or the probe fails.' }),
  probe: TunnelProbe.nullable().meta({ description: 'The last probe through the public URL (every 30 s while up, and on demand).' }),
  url_change: TunnelUrlChange.nullable().meta({
    description: 'The last change of the public URL while this provider ran: update the webhook at the sender.',
  }),
  host_url: z.string().nullable().meta({ description: 'relay only: host-based public URL when the relay has a domain.' }),
  relay: z.string().nullable().meta({ description: 'relay only: the relay base URL.' }),
  tunnel_id: z.string().nullable().meta({ description: 'relay: the tunnel id; localtunnel: the subdomain.' }),
  relay_queue: RelayQueueCounts.nullable().optional().meta({
    description: 'relay with --queue only: what it kept while the app was away, since this connect; null until it says anything.',
  }),
});
export type TunnelStatus = z.infer<typeof TunnelStatus>;

const RelayConnect = z.strictObject({
  provider: z.literal('relay'),
  relay: z.string().url('relay must be a URL such as https://relay.example.com').optional().meta({
    description: 'Relay base URL. Defaults to the one from --relay / HOOKBENCH_RELAY_URL or the last one used.',
  }),
  token: z.string().min(1).max(512).optional().meta({ description: 'Relay token. Defaults like relay; never returned by the API.' }),
  name: z.string().regex(TUNNEL_ID_PATTERN, 'name must be one lowercase DNS label').optional().meta({
    description: "A tunnel name reserved for this token in the relay's tokens file.",
  }),
});

const CloudflareConnect = z.strictObject({
  provider: z.literal('cloudflare'),
  cloudflared: z.string().min(1).max(4096).optional().meta({
    description: 'Path of the cloudflared executable. Defaults to the saved one, HOOKBENCH_CLOUDFLARED, PATH, then <data-dir>/bin/.',
  }),
});

const NgrokConnect = z.strictObject({
  provider: z.literal('ngrok'),
  authtoken: z.string().min(1).max(512).optional().meta({
    description: 'ngrok authtoken. Defaults to the saved one, then NGROK_AUTHTOKEN. Saved owner-only; the API only ever returns it masked.',
  }),
  domain: z
    .string()
    .max(253)
    .regex(/^$|^[a-z0-9.-]+$/i, 'domain must be a host name such as example.ngrok-free.app')
    .optional()
    .meta({
      description: 'Your ngrok static domain, so the URL survives restarts. An empty string clears it.',
    }),
});

const LocaltunnelConnect = z.strictObject({
  provider: z.literal('localtunnel'),
  host: z.string().url('host must be a URL such as https://localtunnel.me').optional().meta({
    description: 'localtunnel server. Defaults to the saved one, then https://localtunnel.me.',
  }),
  subdomain: z
    .string()
    .regex(/^$|^[a-z0-9][a-z0-9-]{2,61}[a-z0-9]$/, 'subdomain must be 4 to 63 lowercase letters, digits or dashes')
    .optional()
    .meta({ description: 'Subdomain to ask for. Defaults to the one the server gave last time. An empty string clears it.' }),
});

/** Connect with one provider; its settings are remembered for the next connect and the next start. */
export const ProviderConnect = z.discriminatedUnion('provider', [RelayConnect, CloudflareConnect, NgrokConnect, LocaltunnelConnect]);
export type ProviderConnect = z.infer<typeof ProviderConnect>;

/** Before there were providers a connect body named only a relay; such a body still means the relay. */
const LegacyRelayConnect = RelayConnect.omit({ provider: true }).extend({
  // Only here so that a body naming an unknown provider is refused for that, not for an "unrecognized key".
  provider: z.never({ error: 'provider must be one of relay, cloudflare, ngrok, localtunnel' }).optional(),
});

export const TunnelConnect = z.union([ProviderConnect, LegacyRelayConnect]).meta({
  description: 'Which provider to connect with, and its settings. An empty body reconnects the last provider with its saved settings.',
});
export type TunnelConnect = z.infer<typeof TunnelConnect>;

/** What the engine remembers per provider, secrets masked, and what it found on this machine. */
export const TunnelSettingsView = z.object({
  provider: TunnelProviderName.nullable(),
  relay: z.object({ relay: z.string().nullable(), token_set: z.boolean(), name: z.string().nullable() }),
  cloudflare: z.object({
    cloudflared: z.string().nullable().meta({ description: 'The path set by the user, if any.' }),
    found: z.string().nullable().meta({ description: 'The cloudflared executable that a connect would run, or null when none is found.' }),
    download_available: z.boolean().meta({ description: 'Whether Hookbench has a pinned cloudflared release for this platform.' }),
  }),
  ngrok: z.object({
    authtoken: z.string().nullable().meta({ description: 'Masked: the first 4 and last 4 characters only.' }),
    authtoken_source: z.enum(['settings', 'env']).nullable(),
    domain: z.string().nullable(),
  }),
  localtunnel: z.object({ host: z.string(), subdomain: z.string().nullable() }),
});
export type TunnelSettingsView = z.infer<typeof TunnelSettingsView>;

export const CloudflaredDownload = z.object({
  path: z.string(),
  version: z.string(),
  sha256: z.string(),
});
export type CloudflaredDownload = z.infer<typeof CloudflaredDownload>;

/** The tunnel's routes. */
export const tunnelRoutes = {
  getTunnel: { method: 'GET', path: '/api/tunnel', summary: 'Tunnel status and public URL', response: TunnelStatus },
  connectTunnel: {
    method: 'POST',
    path: '/api/tunnel/connect',
    summary: 'Connect with a provider (and keep reconnecting); answers after the first attempt',
    body: TunnelConnect.optional(),
    response: TunnelStatus,
  },
  disconnectTunnel: { method: 'POST', path: '/api/tunnel/disconnect', summary: 'Disconnect and stop reconnecting', response: TunnelStatus },
  probeTunnel: {
    method: 'POST',
    path: '/api/tunnel/probe',
    summary: 'Probe the public URL now; answers with the status once the probe is back',
    response: TunnelStatus,
  },
  getTunnelSettings: {
    method: 'GET',
    path: '/api/tunnel/settings',
    summary: 'Saved settings per provider (secrets masked) and what was found on this machine',
    response: TunnelSettingsView,
  },
  downloadCloudflared: {
    method: 'POST',
    path: '/api/tunnel/cloudflared/download',
    summary: "Download the pinned cloudflared release for this platform into <data-dir>/bin/, checked against Hookbench's SHA-256 table",
    response: CloudflaredDownload,
  },
} as const satisfies Record<string, RouteContract>;
