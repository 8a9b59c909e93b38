import { createHash, timingSafeEqual } from 'node:crypto';
import { TUNNEL_ID_PATTERN } from '../../shared/tunnel-protocol.js';
import { HookbenchError } from '../../shared/errors.js';
import { isRandomTunnelId } from './tunnel-ids.js';

/** One token that may open tunnels, with the names reserved for it. */
export interface RelayToken {
  token: string;
  /** Names only this token may use as tunnel ids; the first is given when a client asks for none. */
  names: string[];
  /** How logs name it (never the token itself). */
  label: string;
}

export const TOKEN_PATTERN = /^[A-Za-z0-9._~+/=-]{16,512}$/;

function badTokens(message: string): HookbenchError {
  return new HookbenchError('invalid_tokens', message);
}

/**
 * Tokens file: one token per line, optionally followed by the names reserved for it
 * (separated by spaces or commas). Blank lines and lines starting with # are ignored.
 */
export function parseTokensFile(text: string, file: string): RelayToken[] {
  const tokens: RelayToken[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [token, ...names] = line.split(/[\s,]+/).filter(Boolean);
    tokens.push({ token, names: names.map((n) => n.toLowerCase()), label: `${file}:${index + 1}` });
  });
  return tokens;
}

/** Checks tokens and reserved names; the first problem is named with where it came from. */
export function validateTokens(tokens: RelayToken[]): RelayToken[] {
  if (tokens.length === 0) {
    throw badTokens('No relay tokens: pass --token, --tokens-file or HOOKBENCH_RELAY_TOKENS so clients can authenticate.');
  }
  const seenTokens = new Set<string>();
  const nameOwner = new Map<string, string>();
  for (const entry of tokens) {
    if (!TOKEN_PATTERN.test(entry.token)) {
      throw badTokens(
        `The token from ${entry.label} must be 16–512 characters of letters, digits and ._~+/=-; make it longer or remove odd characters.`,
      );
    }
    if (seenTokens.has(entry.token)) throw badTokens(`The token from ${entry.label} is listed twice; keep one line per token.`);
    seenTokens.add(entry.token);
    for (const name of entry.names) {
      if (!TUNNEL_ID_PATTERN.test(name)) {
        throw badTokens(`Reserved name "${name}" (${entry.label}) must be one DNS label: lowercase letters, digits and dashes.`);
      }
      if (isRandomTunnelId(name)) {
        throw badTokens(`Reserved name "${name}" (${entry.label}) looks like a random tunnel id; pick a shorter or dashed name.`);
      }
      const owner = nameOwner.get(name);
      if (owner) throw badTokens(`Reserved name "${name}" is given to two tokens (${owner} and ${entry.label}).`);
      nameOwner.set(name, entry.label);
    }
  }
  return tokens;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The relay's tokens: constant-time authentication and reserved-name ownership. */
export class TokenTable {
  private digests: Array<{ entry: RelayToken; digest: Buffer }> = [];
  private nameOwners = new Map<string, RelayToken>();

  constructor(tokens: RelayToken[]) {
    this.load(validateTokens(tokens));
  }

  /**
   * Swaps in a new list (a reloaded tokens file). It is validated first, so a bad file changes
   * nothing. A token that stays keeps its entry object (names and label updated), so its open
   * tunnels stay counted against it; the entries of tokens no longer listed are returned.
   */
  replace(tokens: RelayToken[]): RelayToken[] {
    validateTokens(tokens);
    const current = new Map(this.digests.map(({ entry }) => [entry.token, entry]));
    const next = tokens.map((fresh) => {
      const kept = current.get(fresh.token);
      if (!kept) return fresh;
      current.delete(fresh.token);
      kept.names = fresh.names;
      kept.label = fresh.label;
      return kept;
    });
    this.load(next);
    return [...current.values()];
  }

  private load(tokens: RelayToken[]): void {
    this.digests = tokens.map((entry) => ({ entry, digest: digest(entry.token) }));
    this.nameOwners = new Map();
    for (const entry of tokens) for (const name of entry.names) this.nameOwners.set(name, entry);
  }

  /** The matching token, comparing against every token in constant time so timing reveals nothing. */
  authenticate(presented: string | null): RelayToken | null {
    if (presented === null) return null;
    const given = digest(presented);
    let found: RelayToken | null = null;
    for (const { entry, digest: expected } of this.digests) {
      if (timingSafeEqual(given, expected) && found === null) found = entry;
    }
    return found;
  }

  /** Whether any current token passes the check. */
  some(check: (token: RelayToken) => boolean): boolean {
    return this.digests.some(({ entry }) => check(entry));
  }

  ownerOfName(name: string): RelayToken | null {
    return this.nameOwners.get(name) ?? null;
  }

  get size(): number {
    return this.digests.length;
  }
}
