import { createServer, type Server } from 'node:net';
import { listen } from './listen.js';

/** A port the engine is about to listen on, with the words listen() uses when it cannot. */
export interface PortClaim {
  host: string;
  port: number;
  label: string;
  flag: string;
}

/**
 * Fails with the sentence listen() would give, before the engine writes anything, so a start that
 * cannot listen leaves no files behind. The probes are held together: two settings naming one port fail too.
 */
export async function ensurePortsFree(claims: readonly PortClaim[]): Promise<void> {
  const probes: Server[] = [];
  try {
    for (const claim of claims) {
      if (claim.port === 0) continue; // The OS picks a free one.
      const probe = createServer();
      await listen(probe, claim.port, claim.host, claim.label, claim.flag);
      probes.push(probe);
    }
  } finally {
    await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
  }
}
