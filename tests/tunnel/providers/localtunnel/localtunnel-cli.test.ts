import { afterEach, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../shared/api/body-codec.js';
import { startServe, type ServeProcess } from '../../../support/serve-process.js';
import { tempDir } from '../../../support/temp-dir.js';
import { startLocaltunnelServer } from '../../support/localtunnel-server.js';
import { waitForOutput } from '../../support/processes.js';
import { json, send } from '../../support/senders.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const API_TOKEN = 'localtunnel-cli-test-token';
const PROBE_INTERVAL_MS = 3_000;
const ENV = {
  HOOKBENCH_API_TOKEN: API_TOKEN,
  HOOKBENCH_TUNNEL_RETRY_MAX_MS: '500',
  HOOKBENCH_TUNNEL_PROBE_INTERVAL_MS: String(PROBE_INTERVAL_MS),
};
/** The promise: a public URL within 10 s of starting. */
const URL_WITHIN_MS = 10_000;
const ONLINE = /tunnel online (\S+?)\/ \(localtunnel/;

async function serve(dataDir: string, ltHost: string): Promise<ServeProcess> {
  const started = await startServe(dataDir, ['--tunnel', 'localtunnel', '--lt-host', ltHost], ENV);
  cleanups.push(async () => {
    if (started.child.exitCode === null) started.child.kill('SIGTERM');
    await started.exited;
  });
  return started;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of several routes, read untyped; the assertions are the check
async function api(engine: ServeProcess, path: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${engine.urls.apiUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${API_TOKEN}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  expect(response.ok, `${path}: HTTP ${response.status}`).toBe(true);
  return response.json();
}

describe('hookbench serve --tunnel localtunnel', () => {
  it('gives a public URL, stores a request sent to it byte for byte tagged localtunnel, and leaves online when the server dies', async () => {
    const lt = await startLocaltunnelServer();
    cleanups.push(() => lt.stop());
    const dir = tempDir();
    cleanups.push(dir.remove);
    const engine = await serve(dir.path, lt.url);
    const url = (await waitForOutput(engine.child, engine.output, ONLINE, 0, URL_WITHIN_MS))[1];
    expect(url).toBe(lt.tunnels()[0].url);

    await api(engine, '/inboxes', { method: 'POST', body: JSON.stringify({ name: 'Orders', slug: 'orders' }) });
    const body = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n\r\nend')]);
    const headers: Array<[string, string]> = [
      ['X-Signature', 't=1,v1=abc'],
      ['x-dup', 'first'],
      ['Content-Type', 'application/octet-stream'],
      ['X-Dup', 'second'],
      ['X-MiXeD-CaSe', 'Value'],
    ];
    const path = '/i/orders/hook/1?b=2&a=%20x';
    const response = await send(`${url}${path}`, { method: 'PUT', headers, body });
    expect(response.status).toBe(200);

    // Answered after commit: the delivery is there the moment the answer is.
    const record = await api(engine, `/deliveries/${json(response).id}`);
    expect(decodeBody(record.body).equals(body)).toBe(true);
    expect(record.method).toBe('PUT');
    expect(record.path).toBe(path);
    expect(
      (record.headers as Array<[string, string]>).filter(([name]) => /^x-(?!forwarded-for)/i.test(name) || name === 'Content-Type'),
    ).toEqual(headers);
    expect(record).toMatchObject({
      via: 'tunnel',
      tunnel_provider: 'localtunnel',
      remote_address: '127.0.0.1',
      remote_address_source: 'X-Forwarded-For via localtunnel',
    });
    expect(decodeBody(record.response.body).equals(response.body)).toBe(true);

    const from = engine.output().length;
    await lt.stop();
    await waitForOutput(engine.child, engine.output, /tunnel (reconnecting|degraded|failed)/, from, PROBE_INTERVAL_MS);
    expect((await api(engine, '/tunnel')).status).not.toBe('online');
  });

  it('asks for the same subdomain after a restart and gets the same URL back', async () => {
    const lt = await startLocaltunnelServer();
    cleanups.push(() => lt.stop());
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await serve(dir.path, lt.url);
    const url = (await waitForOutput(first.child, first.output, ONLINE, 0, URL_WITHIN_MS))[1];
    const id = lt.tunnels()[0].id;
    first.child.kill('SIGTERM');
    await first.exited;
    await lt.restart();

    const second = await serve(dir.path, lt.url);
    expect((await waitForOutput(second.child, second.output, ONLINE, 0, URL_WITHIN_MS))[1]).toBe(url);
    expect(lt.registrations.at(-1)).toBe(`/${id}`);
    expect(await api(second, '/tunnel')).toMatchObject({ provider: 'localtunnel', url, url_stable: true, tunnel_id: id });
  });
});
