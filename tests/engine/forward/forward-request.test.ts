import { describe, expect, it } from 'vitest';
import { forwardUrl, outgoingHeaders, relayedHeaders } from '../../../electron/engine/forward/forward-request.js';

describe('forward request rules', () => {
  it('appends what follows /i/<slug> (or the whole path of the default inbox) and the query to the target', () => {
    expect(forwardUrl('http://localhost:3000/webhooks', '/i/stripe/', true).href).toBe('http://localhost:3000/webhooks');
    expect(forwardUrl('http://localhost:3000/webhooks', '/i/stripe', true).href).toBe('http://localhost:3000/webhooks');
    expect(forwardUrl('http://localhost:3000/webhooks/', '/i/stripe/a/b?x=1&x=2', true).href).toBe(
      'http://localhost:3000/webhooks/a/b?x=1&x=2',
    );
    expect(forwardUrl('http://localhost:3000/webhooks', '/i/stripe?only=query', true).href).toBe(
      'http://localhost:3000/webhooks?only=query',
    );
    expect(forwardUrl('http://localhost:3000/', '/', false).href).toBe('http://localhost:3000/');
    expect(forwardUrl('http://localhost:3000', '/deep/path?q', false).href).toBe('http://localhost:3000/deep/path?q');
    expect(forwardUrl('https://h.test/hook?token=abc', '/i/s/x?y=1', true).href).toBe('https://h.test/hook/x?token=abc&y=1');
  });

  it('drops hop-by-hop headers, rewrites Host in place and frames the body with Content-Length', () => {
    const target = new URL('http://127.0.0.1:9000/x');
    expect(
      outgoingHeaders(
        [
          ['X-First', '1'],
          ['host', 'old:1'],
          ['Connection', 'Keep-Alive, X-Private'],
          ['X-Private', 'p'],
          ['Keep-Alive', 'timeout=5'],
          ['Proxy-Connection', 'x'],
          ['TE', 'trailers'],
          ['Trailer', 'X'],
          ['Upgrade', 'h2c'],
          ['Transfer-Encoding', 'chunked'],
          ['X-Last', '2'],
        ],
        target,
        'POST',
        5,
      ),
    ).toEqual([
      ['X-First', '1'],
      ['host', '127.0.0.1:9000'],
      ['X-Last', '2'],
      ['Content-Length', '5'],
    ]);
    expect(outgoingHeaders([['content-length', '3']], target, 'POST', 3)).toEqual([
      ['Host', '127.0.0.1:9000'],
      ['content-length', '3'],
    ]);
    // A GET without a body needs no Content-Length; a bodiless POST gets 0 so it is not sent chunked.
    expect(outgoingHeaders([], target, 'GET', 0)).toEqual([['Host', '127.0.0.1:9000']]);
    expect(outgoingHeaders([], target, 'POST', 0)).toEqual([
      ['Host', '127.0.0.1:9000'],
      ['Content-Length', '0'],
    ]);
  });

  it("frames the handler's answer by Content-Length except where HTTP allows no body", () => {
    expect(
      relayedHeaders(
        [
          ['Transfer-Encoding', 'chunked'],
          ['X-A', '1'],
        ],
        200,
        'POST',
        4,
      ),
    ).toEqual([
      ['X-A', '1'],
      ['Content-Length', '4'],
    ]);
    expect(relayedHeaders([['X-A', '1']], 204, 'POST', 0)).toEqual([['X-A', '1']]);
    expect(relayedHeaders([['Content-Length', '10']], 200, 'HEAD', 0)).toEqual([['Content-Length', '10']]);
  });
});
