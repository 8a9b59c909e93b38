import type { RawHeaders } from '../../../shared/api/common.js';
import type { TunnelProviderName } from '../../../shared/api/tunnel-routes.js';

/** One request as it arrived, whichever transport carried it (HTTP, HTTPS, the raw fallback, the tunnel). */
export interface CapturedRequest {
  method: string;
  target: string;
  headers: RawHeaders;
  body: Buffer;
  remoteAddress: string | null;
  tls: boolean;
  via: 'direct' | 'tunnel';
  receivedAt: number;
  /** Through a tunnel: the provider that carried it. */
  provider?: TunnelProviderName | null;
  /** Through a tunnel: what reported remoteAddress, e.g. "CF-Connecting-IP via cloudflare". */
  remoteAddressSource?: string | null;
  /** Through a tunnel: its public base URL when the request came, i.e. what the sender requested (Twilio signs it). */
  publicBase?: string | null;
  /**
   * A request the relay queued while the app was away (receivedAt is when the relay took it). The
   * sender was answered by the relay long ago: it is stored once per relay id, with that answer.
   */
  relayQueue?: { id: string; queuedAt: number; drainedAt: number; answered: { status: number; body: string } };
}

/** What to answer; written by the transport after the delivery is committed. */
export interface ResponsePlan {
  status: number;
  headers: RawHeaders;
  body: Buffer;
  /** Failure simulation the transport acts out instead of a plain write (failure-actor.ts). */
  act?: PlanAct;
  /** Only for a relay's queued request: stored now, or held already (the same relay id came before). */
  queued?: 'stored' | 'duplicate';
}

/** What is committed with a delivery as its response. */
export type RecordedResponse = { status: number; headers: RawHeaders; body: Buffer };

export type PlanAct = { type: 'hang'; ms?: number } | { type: 'reset' } | { type: 'trickle'; bytesPerSecond: number };

export function jsonResponse(status: number, value: unknown): ResponsePlan {
  const body = Buffer.from(JSON.stringify(value));
  return {
    status,
    headers: [
      ['Content-Type', 'application/json'],
      ['Content-Length', String(body.byteLength)],
    ],
    body,
  };
}
