import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Relay } from '../../electron/relay/relay-server.js';
import { TokenTable } from '../../electron/relay/relay-tokens.js';
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
