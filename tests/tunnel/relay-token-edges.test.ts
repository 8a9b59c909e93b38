import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import { parseTokensFile, TokenTable, validateTokens } from '../../electron/relay/relay-tokens.js';
import { startTestRelay, TOKEN_A, TOKEN_B, tokens } from './support/relay-fixture.js';
import { rawTunnel } from './support/raw-tunnel.js';

/** Tokens that are not the token but come close: each one a compare written carelessly would let through. */
function nearMisses(token: string): Record<string, string> {
  const flip = (at: number) => token.slice(0, at) + (token[at] === 'a' ? 'b' : 'a') + token.slice(at + 1);
  return {
    empty: '',
    'one character': token.slice(0, 1),
    'a prefix (all but the last character)': token.slice(0, -1),
    'the first character changed': flip(0),
    'a middle character changed': flip(Math.floor(token.length / 2)),
    'the last character changed': flip(token.length - 1),
    'one character appended': `${token}0`,
    'another case': token.toUpperCase(),
    'a suffix': token.slice(1),
  };
}

describe('relay token compare at the edges', () => {
  const table = new TokenTable(tokens(TOKEN_A, TOKEN_B));

  it('authenticates each token as itself and nothing near either one', () => {
    expect(table.authenticate(TOKEN_A)?.token).toBe(TOKEN_A);
    expect(table.authenticate(TOKEN_B)?.token).toBe(TOKEN_B);
    for (const token of [TOKEN_A, TOKEN_B]) {
      for (const [edge, given] of Object.entries(nearMisses(token))) expect(table.authenticate(given), edge).toBeNull();
    }
  });

  it('matches exactly for any presented string of any length, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 600 }), (given) => {
        expect(table.authenticate(given)?.token ?? null).toBe(given === TOKEN_A || given === TOKEN_B ? given : null);
      }),
    );
    for (const given of ['\u{1F600}', 'é'.repeat(10_000), 'x'.repeat(1_000_000)]) expect(table.authenticate(given)).toBeNull();
  });
});

describe('relay tokens as written in a tokens file', () => {
  const entry = (token: string, names: string[] = []) => ({ token, names, label: 'tokens.txt:1' });

  it('reads indented lines and comments, and names separated by any run of spaces and commas', () => {
    expect(parseTokensFile(`  # indented comment\n\t${TOKEN_A}  acme ,, Acme-Staging\t\n  ${TOKEN_B}  \n`, 'tokens.txt')).toEqual([
      { token: TOKEN_A, names: ['acme', 'acme-staging'], label: 'tokens.txt:2' },
      { token: TOKEN_B, names: [], label: 'tokens.txt:3' },
    ]);
  });

  it('refuses a token of the wrong length or with a character outside the set, anywhere in it', () => {
    for (const token of [
      'a'.repeat(15),
      'a'.repeat(513),
      `${'a'.repeat(8)}!${'a'.repeat(8)}`,
      `!${'a'.repeat(16)}`,
      `${'a'.repeat(16)}!`,
    ]) {
      expect(() => validateTokens([entry(token)]), token).toThrow(
        expect.objectContaining({ code: 'invalid_tokens', message: expect.stringMatching(/16–512 characters/) }),
      );
    }
    for (const token of ['a'.repeat(16), 'a'.repeat(512), 'Az09._~+/=-Az09._~+/=-']) expect(validateTokens([entry(token)])).toHaveLength(1);
  });

  it('refuses a token listed twice and a reserved name that is not one DNS label', () => {
    expect(() => validateTokens([entry(TOKEN_A), entry(TOKEN_A)])).toThrow(/is listed twice; keep one line per token/);
    for (const name of ['has_underscore', 'a.b', '-dash-first']) {
      expect(() => validateTokens([entry(TOKEN_A, [name])]), name).toThrow(
        expect.objectContaining({ code: 'invalid_tokens', message: expect.stringMatching(/must be one DNS label/) }),
      );
    }
  });
});

describe('the relay’s tunnel upgrade at the edges', () => {
  let relay: Relay;
  beforeAll(async () => {
    relay = await startTestRelay();
  });
  afterAll(() => relay.close());

  it('answers 401 before any WebSocket exists to every near miss of a token', async () => {
    for (const [edge, given] of Object.entries(nearMisses(TOKEN_A))) {
      expect(await rawTunnel(relay.url, given), edge).toMatchObject({ kind: 'http', status: 401, body: { error: 'unauthorized' } });
    }
    expect(relay.stats().tunnels).toBe(0);
    const accepted = await rawTunnel(relay.url, TOKEN_A);
    expect(accepted).toMatchObject({ kind: 'frame', frame: { type: 'welcome' } });
    if (accepted.kind === 'frame') accepted.ws.close();
  });
});
