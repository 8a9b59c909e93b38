import { describe, expect, it } from 'vitest';
import { hashHasToken, takeTokenFromHash } from '../../renderer/src/services/common/session-bootstrap.js';

function fakeAddress(hash: string) {
  const replaced: string[] = [];
  const location = { hash, pathname: '/', search: '' } as Location;
  const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
  return { location, history, replaced };
}

describe('takeTokenFromHash', () => {
  it('returns the token and rewrites the address without it, keeping other hash parameters', () => {
    const address = fakeAddress('#token=abc123&view=inboxes');
    expect(hashHasToken(address.location)).toBe(true);
    expect(takeTokenFromHash(address.location, address.history)).toBe('abc123');
    expect(address.replaced).toEqual(['/#view=inboxes']);
  });

  it('leaves an address without a token alone', () => {
    const address = fakeAddress('');
    expect(hashHasToken(address.location)).toBe(false);
    expect(takeTokenFromHash(address.location, address.history)).toBeNull();
    expect(address.replaced).toEqual([]);
  });

  it('removes an empty token too and reports none', () => {
    const address = fakeAddress('#token=');
    expect(takeTokenFromHash(address.location, address.history)).toBeNull();
    expect(address.replaced).toEqual(['/']);
  });
});
