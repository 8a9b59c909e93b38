import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OWNER_ONLY, writeFileAtomic } from '../tls/tls-files.js';

export const TUNNEL_STATE_FILE = 'tunnel.json';

/** What the app remembers about its tunnel across restarts: where, with which token, and its id. */
export const TunnelState = z.object({
  relay: z.string().nullable().default(null),
  token: z.string().nullable().default(null),
  tunnel_id: z.string().nullable().default(null),
  /** Secret from the relay that lets this app replace its own stale connection at once. */
  resume: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
  host_url: z.string().nullable().default(null),
  /** Connected when the app last ran (and not disconnected since): reconnect at start. */
  enabled: z.boolean().default(false),
});
export type TunnelState = z.infer<typeof TunnelState>;

export const EMPTY_TUNNEL_STATE: TunnelState = TunnelState.parse({});

/** The saved state, or the empty one when the file is missing or damaged (a new id is then asked for). */
export function readTunnelState(dataDir: string): TunnelState {
  try {
    return TunnelState.parse(JSON.parse(readFileSync(join(dataDir, TUNNEL_STATE_FILE), 'utf8')));
  } catch {
    return { ...EMPTY_TUNNEL_STATE };
  }
}

/**
 * Saved owner-only: it holds the relay token. Writes are chained so the last state always wins;
 * `flushed` settles once every write asked for so far is on disk (the engine awaits it on stop).
 */
export function createTunnelStateWriter(dataDir: string, log: (line: string) => void) {
  let chain: Promise<void> = Promise.resolve();
  return {
    save(state: TunnelState): Promise<void> {
      const text = JSON.stringify(state, null, 2) + '\n';
      chain = chain
        .then(() => writeFileAtomic(join(dataDir, TUNNEL_STATE_FILE), text, OWNER_ONLY))
        .catch((error: unknown) =>
          log(`could not save ${TUNNEL_STATE_FILE}: ${(error as Error).message}; the tunnel URL may change after a restart`),
        );
      return chain;
    },
    flushed: (): Promise<void> => chain,
  };
}
