import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TunnelProviderName } from '../../../shared/api/tunnel-routes.js';
import { OWNER_ONLY, writeFileAtomic } from '../tls/tls-files.js';

export const TUNNEL_SETTINGS_FILE = 'tunnel.json';
export const DEFAULT_LOCALTUNNEL_HOST = 'https://localtunnel.me';

const RelaySettings = z.object({
  relay: z.string().nullable().default(null),
  token: z.string().nullable().default(null),
  tunnel_id: z.string().nullable().default(null),
  /** Secret from the relay that lets this app replace its own stale connection at once. */
  resume: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
  host_url: z.string().nullable().default(null),
});

const CloudflareSettings = z.object({
  cloudflared: z.string().nullable().default(null),
  last_url: z.string().nullable().default(null),
});

const NgrokSettings = z.object({
  authtoken: z.string().nullable().default(null),
  domain: z.string().nullable().default(null),
  last_url: z.string().nullable().default(null),
});

const LocaltunnelSettings = z.object({
  /** The server chosen; null means the default (or --lt-host). */
  host: z.string().nullable().default(null),
  /** The subdomain the server gave last time, asked for again after a restart. */
  subdomain: z.string().nullable().default(null),
  last_url: z.string().nullable().default(null),
});

/** What the app remembers about its tunnel across restarts: the provider chosen, each provider's settings and last URL. */
export const TunnelSettings = z.object({
  version: z.literal(2).default(2),
  provider: TunnelProviderName.nullable().default(null),
  /** Connected when the app last ran (and not disconnected since): reconnect at start. */
  enabled: z.boolean().default(false),
  relay: RelaySettings.default(RelaySettings.parse({})),
  cloudflare: CloudflareSettings.default(CloudflareSettings.parse({})),
  ngrok: NgrokSettings.default(NgrokSettings.parse({})),
  localtunnel: LocaltunnelSettings.default(LocaltunnelSettings.parse({})),
});
export type TunnelSettings = z.infer<typeof TunnelSettings>;
export type RelaySettings = z.infer<typeof RelaySettings>;

/** The file as it was while the relay was the only tunnel: the relay's fields at the top level. */
const FlatRelaySettings = RelaySettings.extend({ enabled: z.boolean().default(false) });

export function emptyTunnelSettings(): TunnelSettings {
  return TunnelSettings.parse({});
}

/** Reads either format; the old flat one means the relay. */
export function parseTunnelSettings(value: unknown): TunnelSettings {
  const flat = typeof value === 'object' && value !== null && !('version' in value);
  if (!flat) return TunnelSettings.parse(value);
  const { enabled, ...relay } = FlatRelaySettings.parse(value);
  return TunnelSettings.parse({ provider: relay.relay ? 'relay' : null, enabled, relay });
}

/** The saved settings, or the empty ones when the file is missing or damaged (a relay then hands out a new id). */
export function readTunnelSettings(dataDir: string): TunnelSettings {
  try {
    return parseTunnelSettings(JSON.parse(readFileSync(join(dataDir, TUNNEL_SETTINGS_FILE), 'utf8')));
  } catch {
    return emptyTunnelSettings();
  }
}

/**
 * Saved owner-only: it holds the relay token and the ngrok authtoken. Writes are chained so the
 * last settings always win; `flushed` settles once every write asked for so far is on disk.
 */
export function createTunnelSettingsWriter(dataDir: string, log: (line: string) => void) {
  let chain: Promise<void> = Promise.resolve();
  return {
    save(settings: TunnelSettings): Promise<void> {
      const text = JSON.stringify(settings, null, 2) + '\n';
      chain = chain
        .then(() => writeFileAtomic(join(dataDir, TUNNEL_SETTINGS_FILE), text, OWNER_ONLY))
        .catch((error: unknown) =>
          log(`could not save ${TUNNEL_SETTINGS_FILE}: ${(error as Error).message}; tunnel settings and URLs may not survive a restart`),
        );
      return chain;
    },
    flushed: (): Promise<void> => chain,
  };
}
