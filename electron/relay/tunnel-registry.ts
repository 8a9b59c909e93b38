import { timingSafeEqual } from 'node:crypto';
import { FEATURE_QUEUED, type Hello, type RefusalCode } from '../../shared/tunnel-protocol.js';
import { admitRequest } from './admission.js';
import type { ForwardedRequest } from './forwarded-request.js';
import type { KnownTunnels } from './known-tunnels.js';
import type { QueueDrain } from './queue/queue-drain.js';
import type { RelayQueue } from './queue/relay-queue.js';
import type { TunnelQueue } from './queue/tunnel-queue.js';
import type { RelayToken, TokenTable } from './relay-tokens.js';
import { newTunnelId, randomIdBelongsTo } from './tunnel-ids.js';
import type { TunnelSession } from './tunnel-session.js';

export interface RegistryLimits {
  holdMs: number;
  maxInflight: number;
  maxTunnelsPerToken: number;
  /** All held and forwarded requests together, across tunnels. */
  maxPending: number;
}

/** With --queue: the tunnels' queues, and how requests get into them and out of them. */
export interface RegistryQueue {
  queues: RelayQueue;
  /** Reads a request's body into its tunnel's queue and answers the sender (202, 507 or 503). */
  enqueue(request: ForwardedRequest): void;
  /** Starts sending a tunnel's queue to its app; `onIdle` when nothing is left to send or acknowledge. */
  drain(queue: TunnelQueue, session: TunnelSession, onIdle: () => void): QueueDrain;
}

/** Everything the relay knows about one tunnel id; exists while it is connected or has requests. */
interface TunnelSlot {
  id: string;
  session: TunnelSession | null;
  held: ForwardedRequest[];
  inflight: number;
  /** Its queue being sent to the app; live requests wait meanwhile. */
  drain: QueueDrain | null;
}

export type Claim = { ok: true; id: string; replaces: TunnelSession | null } | { ok: false; code: RefusalCode; message: string };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.byteLength === y.byteLength && timingSafeEqual(x, y);
}

/**
 * Tunnel ids → connected sessions and waiting requests. In memory, except what --queue keeps on
 * disk (the queues, and which ids are known): the relay has no database.
 */
export class TunnelRegistry {
  private readonly slots = new Map<string, TunnelSlot>();
  private readonly sessionsByToken = new Map<RelayToken, Set<TunnelSession>>();
  /** When each id's app last left; ids not in here have been away since the relay started. */
  private readonly leftAt = new Map<string, number>();
  private readonly startedAt = Date.now();
  private pending = 0;

  constructor(
    private readonly tokens: TokenTable,
    private readonly limits: RegistryLimits,
    private readonly known: KnownTunnels,
    private readonly queue: RegistryQueue | null = null,
  ) {
    for (const tunnel of queue?.queues.all() ?? []) this.watchQueue(tunnel);
  }

  /**
   * Which id a client gets: the one it asks for if that id is its own (a name reserved for its
   * token, or a random id made for its token) and not held by a live connection (unless the
   * client proves with its resume secret that the live connection is its own stale one);
   * otherwise its first free reserved name, or a fresh random id.
   */
  claim(token: RelayToken, hello: Hello): Claim {
    let id: string;
    let replaces: TunnelSession | null = null;
    if (hello.tunnel_id !== undefined) {
      id = hello.tunnel_id;
      const nameOwner = this.tokens.ownerOfName(id);
      const mine = nameOwner ? nameOwner === token : randomIdBelongsTo(id, token.token);
      if (!mine) {
        return {
          ok: false,
          code: 'tunnel_id_not_yours',
          message: `The tunnel id "${id}" belongs to another token; connect without an id to get a new one.`,
        };
      }
      const live = this.slots.get(id)?.session ?? null;
      if (live) {
        if (!hello.resume || !sameSecret(hello.resume, live.resume)) {
          return {
            ok: false,
            code: 'tunnel_id_in_use',
            message: `The tunnel id "${id}" is in use by another connection; it is given back once that connection ends.`,
          };
        }
        replaces = live;
      }
    } else {
      id = token.names.find((name) => !this.slots.get(name)?.session) ?? newTunnelId(token.token);
    }
    const open = this.sessionsByToken.get(token)?.size ?? 0;
    if (open - (replaces ? 1 : 0) >= this.limits.maxTunnelsPerToken) {
      return {
        ok: false,
        code: 'too_many_tunnels',
        message: `This token already has ${open} tunnels open, the relay's limit; close one first.`,
      };
    }
    return { ok: true, id, replaces };
  }

  /**
   * Makes the session the live one for its id. Its queue (if any) goes to it first, in arrival
   * order; then every request held for that id, in arrival order.
   */
  bind(session: TunnelSession): void {
    const slot = this.slot(session.id);
    // A newer connection of the same app replaces one that was draining: it takes the drain over.
    slot.drain?.stop();
    slot.drain = null;
    slot.session = session;
    let set = this.sessionsByToken.get(session.token);
    if (!set) this.sessionsByToken.set(session.token, (set = new Set()));
    set.add(session);
    const fresh = !this.known.isKnown(session.id);
    this.known.remember(session.id);
    this.known.setOff(session.id, false);
    const tunnelQueue = this.queue?.queues.of(session.id) ?? null;
    if (tunnelQueue) {
      if (fresh) this.watchQueue(tunnelQueue);
      tunnelQueue.expire(Date.now());
      if (session.features.includes(FEATURE_QUEUED)) {
        const counters = tunnelQueue.takeCounters();
        if (tunnelQueue.size > 0 || counters.droppedExpired > 0 || counters.refusedFull > 0) {
          session.send({
            type: 'queue_notice',
            waiting: tunnelQueue.size,
            dropped_expired: counters.droppedExpired,
            refused_full: counters.refusedFull,
          });
        }
      }
      if (tunnelQueue.size > 0) return this.startDrain(slot, tunnelQueue);
    }
    this.dispatchHeld(slot);
  }
  /** The live sessions opened with this token. */
  sessionsOf(token: RelayToken): TunnelSession[] {
    return [...(this.sessionsByToken.get(token) ?? [])];
  }

  unbind(session: TunnelSession): void {
    this.sessionsByToken.get(session.token)?.delete(session);
    this.detach(session);
  }

  /**
   * New requests for the id wait for the next connection (or are queued); the session keeps serving
   * its open streams. `off`: the user switched the tunnel off, so its senders are refused until it
   * connects again.
   */
  detach(session: TunnelSession, off = false): void {
    const slot = this.slots.get(session.id);
    if (slot?.session !== session) return;
    slot.session = null;
    slot.drain?.stop();
    slot.drain = null;
    this.leftAt.set(session.id, Date.now());
    if (off) {
      this.known.setOff(session.id, true);
      const held = slot.held;
      slot.held = [];
      for (const request of held) {
        request.fail(503, 'tunnel_offline', 'The tunnel is switched off in Hookbench; nothing was delivered. Retry later.', 5);
      }
    }
    this.dropIfIdle(slot);
  }

  /** Takes a public request: forwards it now, holds it while the app is away, queues it, or refuses it. */
  accept(request: ForwardedRequest): void {
    const id = request.tunnelId;
    const existing = this.slots.get(id);
    const connected = Boolean(existing?.session);
    const now = Date.now();
    const admission = admitRequest(
      {
        known: connected || this.known.isKnown(id),
        connected,
        draining: Boolean(existing?.drain),
        off: !connected && this.known.isOff(id),
        queueing: this.queue !== null && !request.isProbe,
        awaySince: this.leftAt.get(id) ?? this.startedAt,
        now,
        holdMs: this.limits.holdMs,
      },
      id,
    );
    if (admission.action === 'refuse') {
      request.fail(admission.status, admission.code, admission.message, admission.retryAfterSeconds);
      return;
    }
    if (this.pending >= this.limits.maxPending) {
      request.fail(503, 'relay_busy', 'The relay is at its limit of requests in progress; retry shortly.', 1);
      return;
    }
    const slot = this.slot(id);
    if (slot.inflight >= this.limits.maxInflight) {
      request.fail(
        429,
        'tunnel_busy',
        `This tunnel already has ${slot.inflight} requests in progress, the relay's limit; retry shortly.`,
        1,
      );
      this.dropIfIdle(slot);
      return;
    }
    slot.inflight += 1;
    this.pending += 1;
    request.admitted = true;
    if (admission.action === 'forward') return request.dispatch(slot.session!);
    if (admission.action === 'queue') return this.queue!.enqueue(request);
    slot.held.push(request);
    request.hold(admission.ms, () => {
      this.removeHeld(slot, request);
      if (admission.then === 'queue' && this.queue) return this.queue.enqueue(request);
      request.fail(
        503,
        'tunnel_offline',
        `The app behind this tunnel did not come back within ${this.limits.holdMs} ms; nothing was delivered. Retry later.`,
        5,
      );
    });
  }

  /** A request's response is over (any way); frees its place. */
  release(request: ForwardedRequest): void {
    const slot = this.slots.get(request.tunnelId);
    if (!slot || !request.admitted) return;
    this.removeHeld(slot, request);
    slot.inflight -= 1;
    this.pending -= 1;
    this.dropIfIdle(slot);
  }

  /** Answers every held request now (used when the relay shuts down): queued with --queue, else refused. */
  releaseHeld(status: number, code: string, message: string): void {
    for (const slot of this.slots.values()) {
      const held = slot.held;
      slot.held = [];
      for (const request of held) {
        if (this.queue) this.queue.enqueue(request);
        else request.fail(status, code, message, 2);
      }
    }
  }

  sessions(): TunnelSession[] {
    return [...this.slots.values()].flatMap((slot) => (slot.session ? [slot.session] : []));
  }

  heldCount(): number {
    let count = 0;
    for (const slot of this.slots.values()) count += slot.held.length;
    return count;
  }

  isConnected(id: string): boolean {
    return Boolean(this.slots.get(id)?.session);
  }

  private slot(id: string): TunnelSlot {
    let slot = this.slots.get(id);
    if (!slot) this.slots.set(id, (slot = { id, session: null, held: [], inflight: 0, drain: null }));
    return slot;
  }

  private startDrain(slot: TunnelSlot, tunnelQueue: TunnelQueue): void {
    const session = slot.session!;
    const drain = this.queue!.drain(tunnelQueue, session, () => {
      if (slot.drain !== drain) return;
      drain.stop();
      slot.drain = null;
      this.dispatchHeld(slot);
      this.dropIfIdle(slot);
    });
    slot.drain = drain;
    drain.start();
  }

  /** A request was queued while its app is connected (it was held past --hold-ms during a drain): send it too. */
  private watchQueue(tunnelQueue: TunnelQueue): void {
    tunnelQueue.onAvailable(() => {
      const slot = this.slots.get(tunnelQueue.id);
      if (slot?.session && !slot.drain && !slot.session.draining) this.startDrain(slot, tunnelQueue);
    });
  }

  private dispatchHeld(slot: TunnelSlot): void {
    const session = slot.session;
    if (!session) return;
    const held = slot.held;
    slot.held = [];
    for (const request of held) request.dispatch(session);
  }

  private removeHeld(slot: TunnelSlot, request: ForwardedRequest): void {
    const index = slot.held.indexOf(request);
    if (index >= 0) slot.held.splice(index, 1);
  }

  private dropIfIdle(slot: TunnelSlot): void {
    if (!slot.session && slot.inflight === 0 && slot.held.length === 0 && !slot.drain) this.slots.delete(slot.id);
  }
}
