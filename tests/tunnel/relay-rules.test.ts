import { describe, expect, it } from 'vitest';
import { looksLikeProbe } from '../../electron/engine/tunnel/probe-protocol.js';
import { admitRequest, type AdmissionFacts } from '../../electron/relay/admission.js';
import { SeenTunnels } from '../../electron/relay/known-tunnels.js';
import { routePublicRequest } from '../../electron/relay/public-route.js';
import { parseDuration } from '../../electron/relay/relay-settings.js';
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

describe('what the relay does with a public request', () => {
  const facts = (over: Partial<AdmissionFacts>): AdmissionFacts => ({
    known: true,
    connected: false,
    draining: false,
    off: false,
    queueing: false,
    awaySince: 1_000,
    now: 1_000,
    holdMs: 8_000,
    ...over,
  });

  it('forwards to a connected app, and holds live requests while its queue is drained (then queues them)', () => {
    expect(admitRequest(facts({ connected: true }), 'x')).toEqual({ action: 'forward' });
    expect(admitRequest(facts({ connected: true, draining: true, queueing: true }), 'x')).toEqual({
      action: 'hold',
      ms: 8_000,
      then: 'queue',
    });
  });

  it('refuses an unknown id at once with a message about the URL, and a tunnel switched off with 503', () => {
    expect(admitRequest(facts({ known: false, queueing: true }), 'typo')).toMatchObject({
      action: 'refuse',
      status: 404,
      code: 'unknown_tunnel',
      message: expect.stringMatching(/"typo".*Check the URL/),
    });
    expect(admitRequest(facts({ off: true, queueing: true }), 'x')).toMatchObject({
      action: 'refuse',
      status: 503,
      code: 'tunnel_offline',
    });
  });

  it('without a queue holds each request --hold-ms and then refuses it', () => {
    expect(admitRequest(facts({ now: 100_000 }), 'x')).toEqual({ action: 'hold', ms: 8_000, then: 'refuse' });
  });

  it('with a queue holds only until the app has been away --hold-ms, and queues at once after that', () => {
    expect(admitRequest(facts({ queueing: true, now: 3_000 }), 'x')).toEqual({ action: 'hold', ms: 6_000, then: 'queue' });
    expect(admitRequest(facts({ queueing: true, now: 9_000 }), 'x')).toEqual({ action: 'queue' });
  });
});

describe('known tunnels without a queue dir', () => {
  it('are the ids seen since start and every id the relay would give one of its tokens, not a mistyped one', () => {
    const table = new TokenTable([
      { token: A, names: ['acme'], label: 'a' },
      { token: B, names: [], label: 'b' },
    ]);
    const known = new SeenTunnels(table);
    const issued = newTunnelId(B);
    expect(known.isKnown('acme')).toBe(true);
    expect(known.isKnown(issued)).toBe(true);
    expect(known.isKnown(issued.slice(0, -1) + (issued.endsWith('a') ? 'b' : 'a'))).toBe(false);
    expect(known.isKnown('elsewhere')).toBe(false);
    known.remember('elsewhere');
    expect(known.isKnown('elsewhere')).toBe(true);
  });
});

describe('relay durations', () => {
  it('read 7d, 12h, 30m, 45s, 500ms and plain milliseconds', () => {
    expect(['7d', '12h', '30m', '45s', '500ms', '1500', '1.5s'].map(parseDuration)).toEqual([
      604_800_000, 43_200_000, 1_800_000, 45_000, 500, 1500, 1500,
    ]);
    expect(parseDuration('soon')).toBeNull();
  });
});

describe('liveness probes and the queue', () => {
  it('are recognised by their shape whatever their secret, and only as GETs', () => {
    const probe = {
      method: 'GET',
      target: '/.well-known/hookbench-probe?x=1',
      headers: [['X-Hookbench-Probe', 'other-run.abcdef12']] as Array<[string, string]>,
    };
    expect(looksLikeProbe(probe)).toBe(true);
    expect(looksLikeProbe({ ...probe, method: 'POST' })).toBe(false);
    expect(looksLikeProbe({ ...probe, headers: [] })).toBe(false);
    expect(looksLikeProbe({ ...probe, target: '/hook' })).toBe(false);
  });

  it('are held while the queue drains and then refused rather than queued', () => {
    const facts: AdmissionFacts = {
      known: true,
      connected: true,
      draining: true,
      off: false,
      queueing: false,
      awaySince: 0,
      now: 0,
      holdMs: 100,
    };
    expect(admitRequest(facts, 'x')).toEqual({ action: 'hold', ms: 100, then: 'refuse' });
  });
});
