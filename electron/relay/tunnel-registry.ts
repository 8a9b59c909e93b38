import { timingSafeEqual } from 'node:crypto';
import type { Hello, RefusalCode } from '../../shared/tunnel-protocol.js';
import type { ForwardedRequest } from './forwarded-request.js';
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

/** Everything the relay knows about one tunnel id; exists while it is connected or has requests. */
interface TunnelSlot {
  id: string;
  session: TunnelSession | null;
  held: ForwardedRequest[];
  inflight: number;
}

export type Claim = { ok: true; id: string; replaces: TunnelSession | null } | { ok: false; code: RefusalCode; message: string };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.byteLength === y.byteLength && timingSafeEqual(x, y);
}

/** Tunnel ids → connected sessions and waiting requests. In memory only: the relay has no database. */
export class TunnelRegistry {
  private readonly slots = new Map<string, TunnelSlot>();
  private readonly sessionsByToken = new Map<RelayToken, Set<TunnelSession>>();
  private pending = 0;

  constructor(
    private readonly tokens: TokenTable,
    private readonly limits: RegistryLimits,
  ) {}

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

  /** Makes the session the live one for its id and sends it every request held for that id, in arrival order. */
  bind(session: TunnelSession): void {
    const slot = this.slot(session.id);
    slot.session = session;
    let set = this.sessionsByToken.get(session.token);
    if (!set) this.sessionsByToken.set(session.token, (set = new Set()));
    set.add(session);
    const held = slot.held;
    slot.held = [];
    for (const request of held) request.dispatch(session);
  }

  /** The live sessions opened with this token. */
  sessionsOf(token: RelayToken): TunnelSession[] {
    return [...(this.sessionsByToken.get(token) ?? [])];
  }

  unbind(session: TunnelSession): void {
    this.sessionsByToken.get(session.token)?.delete(session);
    this.detach(session);
  }

  /** New requests for the id wait for the next connection; the session keeps serving its open streams. */
  detach(session: TunnelSession): void {
    const slot = this.slots.get(session.id);
    if (slot?.session === session) {
      slot.session = null;
      this.dropIfIdle(slot);
    }
  }

  /** Takes a public request: forwards it now, holds it while the app is away, or refuses it. */
  accept(request: ForwardedRequest): void {
    if (this.pending >= this.limits.maxPending) {
      request.fail(503, 'relay_busy', 'The relay is at its limit of requests in progress; retry shortly.', 1);
      return;
    }
    const slot = this.slot(request.tunnelId);
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
    if (slot.session) {
      request.dispatch(slot.session);
      return;
    }
    slot.held.push(request);
    request.hold(this.limits.holdMs, () => {
      this.removeHeld(slot, request);
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

  /** Answers every held request now (used when the relay shuts down). */
  failHeld(status: number, code: string, message: string): void {
    for (const slot of this.slots.values()) {
      const held = slot.held;
      slot.held = [];
      for (const request of held) request.fail(status, code, message, 2);
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
    if (!slot) this.slots.set(id, (slot = { id, session: null, held: [], inflight: 0 }));
    return slot;
  }

  private removeHeld(slot: TunnelSlot, request: ForwardedRequest): void {
    const index = slot.held.indexOf(request);
    if (index >= 0) slot.held.splice(index, 1);
  }

  private dropIfIdle(slot: TunnelSlot): void {
    if (!slot.session && slot.inflight === 0 && slot.held.length === 0) this.slots.delete(slot.id);
  }
}
