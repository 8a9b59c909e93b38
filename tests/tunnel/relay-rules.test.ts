import { describe, expect, it } from 'vitest';
import { routePublicRequest } from '../../electron/relay/public-route.js';
import { TokenTable, parseTokensFile, validateTokens } from '../../electron/relay/relay-tokens.js';
import { senderFacts } from '../../electron/relay/sender-facts.js';
import { isRandomTunnelId, newTunnelId, randomIdBelongsTo } from '../../electron/relay/tunnel-ids.js';
import { publicUrls } from '../../electron/relay/tunnel-handshake.js';

const A = 'token-a-0123456789abcdef';
const B = 'token-b-0123456789abcdef';

describe('tunnel ids', () => {
  it('are 24 base32 characters (80 random bits and an owner tag) and one DNS label', () => {
    const id = newTunnelId(A);
    expect(id).toMatch(/^[a-z2-7]{24}$/);
    expect(isRandomTunnelId(id)).toBe(true);
    expect(new Set(Array.from({ length: 200 }, () => newTunnelId(A))).size).toBe(200);
  });

  it('are given back only to the token they were made for, without the relay remembering them', () => {
    const id = newTunnelId(A);
    expect(randomIdBelongsTo(id, A)).toBe(true);
    expect(randomIdBelongsTo(id, B)).toBe(false);
    const flipped = id.slice(0, 5) + (id[5] === 'a' ? 'b' : 'a') + id.slice(6);
    expect(randomIdBelongsTo(flipped, A)).toBe(false);
    expect(randomIdBelongsTo('acme', A)).toBe(false);
  });
});

describe('public routes', () => {
  it('strip /t/<id> and keep the rest of the path and the query exactly', () => {
    expect(routePublicRequest('relay.test', '/t/abc/i/stripe/hook?x=1&y=%20', null)).toEqual({
      kind: 'tunnel',
      id: 'abc',
      target: '/i/stripe/hook?x=1&y=%20',
    });
    expect(routePublicRequest('relay.test', '/t/abc', null)).toEqual({ kind: 'tunnel', id: 'abc', target: '/' });
    expect(routePublicRequest('relay.test', '/t/abc?x=1', null)).toEqual({ kind: 'tunnel', id: 'abc', target: '/?x=1' });
    expect(routePublicRequest('relay.test', '/t/ABC/', null)).toEqual({ kind: 'tunnel', id: 'abc', target: '/' });
  });

  it('route <id>.<domain> by host when the relay has a domain, with the path untouched', () => {
    expect(routePublicRequest('abc.relay.test:8443', '/t/x/healthz', 'relay.test')).toEqual({
      kind: 'tunnel',
      id: 'abc',
      target: '/t/x/healthz',
    });
    expect(routePublicRequest('a.b.relay.test', '/', 'relay.test')).toEqual({ kind: 'not_found' });
    expect(routePublicRequest('relay.test', '/t/abc/', 'relay.test')).toEqual({ kind: 'tunnel', id: 'abc', target: '/' });
  });

  it('keep /healthz and the tunnel endpoint on the bare host, and refuse everything else', () => {
    expect(routePublicRequest('relay.test', '/healthz', null)).toEqual({ kind: 'health' });
    expect(routePublicRequest('relay.test', '/_hookbench/tunnel', null)).toEqual({ kind: 'tunnel_endpoint' });
    expect(routePublicRequest('relay.test', '/', null)).toEqual({ kind: 'not_found' });
    expect(routePublicRequest('relay.test', '/t/abcdef', null).kind).toBe('tunnel');
    expect(routePublicRequest('relay.test', '/t/-bad-/', null)).toEqual({ kind: 'not_found' });
    expect(routePublicRequest('relay.test', '/tabc/', null)).toEqual({ kind: 'not_found' });
  });

  it('build path-based and host-based URLs', () => {
    expect(publicUrls('abc', 'https://relay.test', 'relay.test')).toEqual({
      url: 'https://relay.test/t/abc',
      host_url: 'https://abc.relay.test',
    });
    expect(publicUrls('abc', 'http://127.0.0.1:8080', null)).toEqual({ url: 'http://127.0.0.1:8080/t/abc', host_url: null });
  });
});

describe('sender facts', () => {
  const headers = {
    host: 'relay.test',
    'x-forwarded-for': '198.51.100.1, 203.0.113.7',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'public.test',
  };

  it('ignore X-Forwarded-* unless the relay trusts its proxy', () => {
    expect(senderFacts(headers, { remoteAddress: '10.0.0.2' }, false)).toEqual({
      remoteAddress: '10.0.0.2',
      tls: false,
      host: 'relay.test',
    });
  });

  it('take the last X-Forwarded-* entry, the one the trusted proxy wrote', () => {
    expect(senderFacts(headers, { remoteAddress: '10.0.0.2' }, true)).toEqual({
      remoteAddress: '203.0.113.7',
      tls: true,
      host: 'public.test',
    });
  });
});

describe('relay tokens', () => {
  it('read a tokens file with reserved names, comments and blank lines', () => {
    const parsed = parseTokensFile(`# team tokens\n${A} acme, acme-staging\n\n${B}\n`, 'tokens.txt');
    expect(parsed).toEqual([
      { token: A, names: ['acme', 'acme-staging'], label: 'tokens.txt:2' },
      { token: B, names: [], label: 'tokens.txt:4' },
    ]);
  });

  it('refuse short tokens, names given twice, names that look like random ids, and no tokens at all', () => {
    expect(() => validateTokens([{ token: 'short', names: [], label: 'x' }])).toThrow(/16–512/);
    expect(() =>
      validateTokens([
        { token: A, names: ['acme'], label: 'a' },
        { token: B, names: ['acme'], label: 'b' },
      ]),
    ).toThrow(/two tokens/);
    expect(() => validateTokens([{ token: A, names: [newTunnelId(A)], label: 'a' }])).toThrow(/random tunnel id/);
    expect(() => validateTokens([])).toThrow(/No relay tokens/);
  });

  it('authenticate only an exact token and know who owns a reserved name', () => {
    const table = new TokenTable([
      { token: A, names: ['acme'], label: 'a' },
      { token: B, names: [], label: 'b' },
    ]);
    expect(table.authenticate(A)?.label).toBe('a');
    expect(table.authenticate(B)?.label).toBe('b');
    expect(table.authenticate(A + 'x')).toBeNull();
    expect(table.authenticate(null)).toBeNull();
    expect(table.ownerOfName('acme')?.label).toBe('a');
    expect(table.ownerOfName('other')).toBeNull();
  });

  it('are replaced on reload: kept tokens keep their entry, removed ones are returned, a bad list changes nothing', () => {
    const table = new TokenTable([
      { token: A, names: ['acme'], label: 'a' },
      { token: B, names: [], label: 'b' },
    ]);
    const entryA = table.authenticate(A);
    const C = 'token-c-0123456789abcdef';
    expect(() => table.replace([{ token: 'short', names: [], label: 'x' }])).toThrow(/16–512/);
    expect(table.authenticate(B)?.label).toBe('b');

    const removed = table.replace([
      { token: A, names: ['acme-new'], label: 'file:1' },
      { token: C, names: [], label: 'file:2' },
    ]);
    expect(removed.map((entry) => entry.label)).toEqual(['b']);
    expect(table.authenticate(A)).toBe(entryA);
    expect(entryA).toMatchObject({ names: ['acme-new'], label: 'file:1' });
    expect(table.authenticate(B)).toBeNull();
    expect(table.authenticate(C)?.label).toBe('file:2');
    expect(table.ownerOfName('acme')).toBeNull();
    expect(table.ownerOfName('acme-new')).toBe(entryA);
    expect(table.size).toBe(2);
  });
});
