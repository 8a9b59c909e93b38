import type { TokenTable } from './relay-tokens.js';
import { randomIdBelongsTo } from './tunnel-ids.js';

/**
 * Which tunnel ids the relay holds senders for, and which of them the user switched off in the app.
 * A sender to an id that is not known gets 404 at once: a mistyped URL should not wait for an app.
 */
export interface KnownTunnels {
  isKnown(id: string): boolean;
  /** An app connected with this id. */
  remember(id: string): void;
  isOff(id: string): boolean;
  setOff(id: string, off: boolean): void;
}

/**
 * Without a queue dir the relay keeps nothing on disk. So that a restart does not turn every tunnel
 * unknown, it also counts as known any id it would give out: a name reserved for one of its tokens,
 * or a random id whose tag was made with one of its tokens (a mistyped id fails that check).
 */
export class SeenTunnels implements KnownTunnels {
  private readonly seen = new Set<string>();
  private readonly off = new Set<string>();

  constructor(private readonly tokens: TokenTable) {}

  isKnown(id: string): boolean {
    return this.seen.has(id) || this.tokens.ownerOfName(id) !== null || this.tokens.some((token) => randomIdBelongsTo(id, token.token));
  }

  remember(id: string): void {
    this.seen.add(id);
  }

  isOff(id: string): boolean {
    return this.off.has(id);
  }

  setOff(id: string, off: boolean): void {
    if (off) this.off.add(id);
    else this.off.delete(id);
  }
}
