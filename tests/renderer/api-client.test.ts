import { describe, expect, it } from 'vitest';
import { Health } from '../../shared/api/health.js';
import { ApiClient, ApiRequestError, routePath } from '../../renderer/src/services/common/api-client.js';
import { liveSocketProtocols, liveSocketUrl, resolveApiConnection } from '../../renderer/src/services/common/api-connection.js';

function fakeFetch(status: number, payload: unknown, seen: { url?: string; init?: RequestInit }[] = []): typeof fetch {
  return ((url: URL, init: RequestInit) => {
    seen.push({ url: String(url), init });
    return Promise.resolve(new Response(JSON.stringify(payload), { status, headers: { 'Content-Type': 'application/json' } }));
  }) as unknown as typeof fetch;
}

const health = {
  ok: true,
  version: '0.1.0',
  uptime_ms: 1,
  data_dir: '/d',
  receiver: { http: 'http://127.0.0.1:4610', https: 'https://127.0.0.1:4611' },
  deliveries: 0,
};

describe('ApiClient', () => {
  it('uses the cookie in a browser and the bearer token from the desktop bridge, and drops empty query values', async () => {
    const seen: { url?: string; init?: RequestInit }[] = [];
    await new ApiClient({ apiBase: 'http://127.0.0.1:4600', bearerToken: null }, fakeFetch(200, health, seen)).request(
      'GET',
      '/api/deliveries',
      {
        query: { q: 'x y', event: '', inbox: undefined },
      },
    );
    await new ApiClient({ apiBase: 'http://127.0.0.1:4600', bearerToken: 'tok' }, fakeFetch(200, health, seen)).request(
      'GET',
      '/api/health',
    );
    expect(seen[0].url).toBe('http://127.0.0.1:4600/api/deliveries?q=x+y');
    expect(seen[0].init?.credentials).toBe('same-origin');
    expect((seen[0].init?.headers as Record<string, string>).Authorization).toBeUndefined();
    expect((seen[1].init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it("shows the engine's error message and tells listeners about a 401", async () => {
    const client = new ApiClient(
      { apiBase: 'http://127.0.0.1:4600', bearerToken: null },
      fakeFetch(401, { error: 'unauthorized', message: 'Missing or wrong API token.' }),
    );
    let told = 0;
    client.onUnauthorized(() => (told += 1));
    const error = await client.request('GET', '/api/health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ code: 'unauthorized', status: 401, message: 'Missing or wrong API token.' });
    expect(told).toBe(1);
  });

  it('keeps the engine’s details, such as every field of an invalid event', async () => {
    const errors = [{ path: 'data.caller_phone', message: 'must be an E.164 phone number' }];
    const client = new ApiClient(
      { apiBase: 'http://127.0.0.1:4600', bearerToken: null },
      fakeFetch(400, { error: 'invalid_event_data', message: 'data.caller_phone: must be…', details: { errors } }),
    );
    await expect(client.request('POST', '/api/events')).rejects.toMatchObject({
      code: 'invalid_event_data',
      status: 400,
      details: { errors },
    });
  });

  it('names the field when an answer breaks the API contract', async () => {
    const client = new ApiClient({ apiBase: 'http://127.0.0.1:4600', bearerToken: null }, fakeFetch(200, { ...health, receiver: null }));
    await expect(client.request('GET', '/api/health', { schema: Health })).rejects.toThrow(/receiver/);
  });

  it('says the engine is unreachable when the request cannot be made', async () => {
    const failing = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch;
    const client = new ApiClient({ apiBase: 'http://127.0.0.1:4600', bearerToken: null }, failing);
    await expect(client.request('GET', '/api/health')).rejects.toMatchObject({ code: 'unreachable' });
  });
});

describe('api connection', () => {
  const browserWindow = { location: { origin: 'http://127.0.0.1:4600' } } as unknown as Window;
  const desktopWindow = {
    location: { origin: 'app://hookbench' },
    hookbench: { apiBase: 'http://127.0.0.1:4600/', token: 'tok' },
  } as unknown as Window;

  it('talks to its own origin with the cookie in a browser', () => {
    const connection = resolveApiConnection(browserWindow);
    expect(connection).toEqual({ apiBase: 'http://127.0.0.1:4600', bearerToken: null });
    expect(liveSocketUrl(connection)).toBe('ws://127.0.0.1:4600/api/live');
    expect(liveSocketProtocols(connection)).toEqual(['hookbench.v1']);
  });

  it('uses the preload API base and passes the token as a WebSocket subprotocol in the desktop window', () => {
    const connection = resolveApiConnection(desktopWindow);
    expect(connection).toEqual({ apiBase: 'http://127.0.0.1:4600', bearerToken: 'tok' });
    expect(liveSocketProtocols(connection)).toEqual(['hookbench.v1', 'token.tok']);
  });
});

describe('typed route calls', () => {
  it('takes method and path from the route table, encoding path parameters', async () => {
    const seen: { url?: string; init?: RequestInit }[] = [];
    const client = new ApiClient({ apiBase: 'http://127.0.0.1:4600', bearerToken: null }, fakeFetch(200, { ok: true }, seen));
    await client.call('deleteDelivery', { params: { id: 'dlv/1 2' } });
    await client.call('unpinDelivery', { params: { id: 'dlv_2' } }).catch(() => undefined);
    await client.call('listDeliveries', { query: { q: 'a b', inbox: '' } }).catch(() => undefined);
    expect(seen.map(({ url, init }) => `${init?.method} ${url}`)).toEqual([
      'DELETE http://127.0.0.1:4600/api/deliveries/dlv%2F1%202',
      'DELETE http://127.0.0.1:4600/api/deliveries/dlv_2/pin',
      'GET http://127.0.0.1:4600/api/deliveries?q=a+b',
    ]);
    expect(routePath('getBulkReplay', { job: 'job_9' })).toBe('/api/replays/job_9');
    expect(() => routePath('getBulkReplay')).toThrow(/job/);
  });

  it("refuses an answer that does not match the route's response schema", async () => {
    const client = new ApiClient({ apiBase: 'http://127.0.0.1:4600', bearerToken: null }, fakeFetch(200, { ok: 'yes' }));
    const error = await client.call('health').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unexpected_response' });
  });
});
