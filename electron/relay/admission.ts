/** What the relay knows about a tunnel id when a public request for it arrives. */
export interface AdmissionFacts {
  /** The relay has seen this id (see KnownTunnels), or its app is connected now. */
  known: boolean;
  connected: boolean;
  /** The app is connected and its queue is being sent to it: live requests wait their turn. */
  draining: boolean;
  /** The user switched the tunnel off in the app. */
  off: boolean;
  /** The relay runs with --queue, and this request may be queued (an app's liveness probe may not). */
  queueing: boolean;
  /** When the app was last connected (or the relay started), ms since the epoch. */
  awaySince: number;
  now: number;
  holdMs: number;
}

export type Admission =
  | { action: 'forward' }
  /** Wait up to `ms` for the app (or for its queue to be drained); then queue the request, or refuse it. */
  | { action: 'hold'; ms: number; then: 'queue' | 'refuse' }
  | { action: 'queue' }
  | { action: 'refuse'; status: number; code: string; message: string; retryAfterSeconds?: number };

/**
 * The relay's rule for one public request. An unknown id is refused at once (a mistyped URL should
 * not wait); a tunnel switched off is refused at once; an app that is away gets --hold-ms to come
 * back. Without a queue each request waits that long and is then refused; with a queue, requests
 * wait until the app has been away for --hold-ms, and after that are queued at once.
 */
export function admitRequest(facts: AdmissionFacts, id: string): Admission {
  if (facts.connected && !facts.draining) return { action: 'forward' };
  if (facts.connected) return { action: 'hold', ms: facts.holdMs, then: facts.queueing ? 'queue' : 'refuse' };
  if (!facts.known) {
    return {
      action: 'refuse',
      status: 404,
      code: 'unknown_tunnel',
      message: `No tunnel "${id}" has connected to this relay; nothing was delivered. Check the URL: copy it again from Hookbench's tunnel panel.`,
    };
  }
  if (facts.off) {
    return {
      action: 'refuse',
      status: 503,
      code: 'tunnel_offline',
      message: 'The tunnel is switched off in Hookbench; nothing was delivered. Retry later.',
      retryAfterSeconds: 5,
    };
  }
  if (!facts.queueing) return { action: 'hold', ms: facts.holdMs, then: 'refuse' };
  const wait = facts.awaySince + facts.holdMs - facts.now;
  return wait > 0 ? { action: 'hold', ms: wait, then: 'queue' } : { action: 'queue' };
}
