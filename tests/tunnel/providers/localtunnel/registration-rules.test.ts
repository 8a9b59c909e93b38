import { describe, expect, it } from 'vitest';
import { registrationVerdict } from '../../../../electron/engine/tunnel/providers/localtunnel/localtunnel-errors.js';
import { readAnswer, registrationUrl } from '../../../../electron/engine/tunnel/providers/localtunnel/tunnel-registration.js';

const asked = new URL('https://localtunnel.me/?new');
const fresh = { host: 'https://localtunnel.me', subdomain: null, everOnline: false };

describe('localtunnel registration', () => {
  it('asks for a new tunnel, or for the subdomain it wants', () => {
    expect(registrationUrl('https://localtunnel.me/', null)).toBe('https://localtunnel.me/?new');
    expect(registrationUrl('http://127.0.0.1:9000', 'orders-tunnel')).toBe('http://127.0.0.1:9000/orders-tunnel');
  });

  it('reads a grant: URL as given (no trailing slash), sockets to the host it asked, max_conn_count defaulting to 1', () => {
    const answer = readAnswer(200, JSON.stringify({ id: 'quick-fox-42', port: 41_234, url: 'https://quick-fox-42.loca.lt/' }), asked);
    expect(answer).toEqual({
      ok: true,
      grant: { id: 'quick-fox-42', url: 'https://quick-fox-42.loca.lt', remote: { host: 'localtunnel.me', port: 41_234 }, maxConnCount: 1 },
    });
  });

  it('opens sockets to the address the server names when it names one', () => {
    const answer = readAnswer(
      200,
      JSON.stringify({ id: 'abcd', port: 1234, max_conn_count: 10, url: 'https://abcd.loca.lt', ip: '193.34.76.44' }),
      asked,
    );
    expect(answer.ok && answer.grant.remote).toEqual({ host: '193.34.76.44', port: 1234 });
  });

  it('keeps the server’s message from an HTTP error', () => {
    expect(readAnswer(403, JSON.stringify({ message: 'Invalid subdomain.' }), asked)).toEqual({
      ok: false,
      failure: { kind: 'http_error', status: 403, message: 'Invalid subdomain.' },
    });
    expect(readAnswer(502, '<html>Bad gateway</html>', asked)).toEqual({
      ok: false,
      failure: { kind: 'http_error', status: 502, message: null },
    });
  });

  it('says when a 200 is not a localtunnel answer', () => {
    expect(readAnswer(200, '<html></html>', asked)).toMatchObject({ ok: false, failure: { kind: 'not_localtunnel' } });
    expect(readAnswer(200, JSON.stringify({ id: 'x' }), asked)).toMatchObject({ ok: false, failure: { kind: 'not_localtunnel' } });
  });
});

describe('localtunnel registration verdicts', () => {
  it('keep trying while the server cannot be reached', () => {
    const verdict = registrationVerdict({ kind: 'unreachable', detail: 'ECONNREFUSED' }, fresh);
    expect(verdict.retry).toBe(true);
    expect(verdict.error.code).toBe('lt_server_unreachable');
    expect(verdict.error.message).toContain('ECONNREFUSED');
  });

  it('fail with url_timeout on a first attempt that gets no answer, but keep trying a server that worked before', () => {
    const first = registrationVerdict({ kind: 'timeout', timeoutMs: 30_000 }, fresh);
    expect(first).toMatchObject({ retry: false, error: { code: 'url_timeout' } });
    expect(first.error.message).toContain('30 s');
    expect(registrationVerdict({ kind: 'timeout', timeoutMs: 30_000 }, { ...fresh, everOnline: true }).retry).toBe(true);
  });

  it('fail on a refused subdomain with the server’s words and how to pick another', () => {
    const verdict = registrationVerdict(
      { kind: 'http_error', status: 409, message: 'Subdomain orders is already in use.' },
      { ...fresh, subdomain: 'orders' },
    );
    expect(verdict.retry).toBe(false);
    expect(verdict.error.code).toBe('lt_subdomain_refused');
    expect(verdict.error.message).toContain('Subdomain orders is already in use.');
    expect(verdict.error.fix).toMatch(/another subdomain/);
  });

  it('keep asking for their own subdomain again while coming back', () => {
    const verdict = registrationVerdict(
      { kind: 'http_error', status: 409, message: 'in use' },
      { ...fresh, subdomain: 'orders', everOnline: true },
    );
    expect(verdict.retry).toBe(true);
  });

  it('keep trying on server errors and rate limits, and fail on other refusals and on non-localtunnel answers', () => {
    expect(registrationVerdict({ kind: 'http_error', status: 503, message: null }, fresh)).toMatchObject({
      retry: true,
      error: { code: 'lt_server_error' },
    });
    expect(registrationVerdict({ kind: 'http_error', status: 429, message: null }, fresh).retry).toBe(true);
    expect(registrationVerdict({ kind: 'http_error', status: 404, message: null }, fresh)).toMatchObject({
      retry: false,
      error: { code: 'lt_server_refused' },
    });
    expect(registrationVerdict({ kind: 'http_error', status: 301, message: null }, fresh)).toMatchObject({
      retry: false,
      error: { code: 'lt_not_a_server' },
    });
    expect(registrationVerdict({ kind: 'not_localtunnel', detail: 'its answer is not JSON' }, fresh)).toMatchObject({
      retry: false,
      error: { code: 'lt_not_a_server' },
    });
  });

  it('always say what to do', () => {
    const failures = [
      { kind: 'unreachable', detail: 'ENOTFOUND' },
      { kind: 'timeout', timeoutMs: 1000 },
      { kind: 'http_error', status: 500, message: null },
      { kind: 'http_error', status: 403, message: 'no' },
      { kind: 'not_localtunnel', detail: 'x' },
    ] as const;
    for (const failure of failures) expect(registrationVerdict(failure, fresh).error.fix).toBeTruthy();
  });
});
