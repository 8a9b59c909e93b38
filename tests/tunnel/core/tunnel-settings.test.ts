import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedProvider } from '../../../electron/engine/tunnel/provider-settings.js';
import { cloudflaredDownloadAvailable } from '../../../electron/engine/tunnel/providers/cloudflare/cloudflared-download.js';
import { tempDir } from '../../support/temp-dir.js';
import { postJson, recordEvents, startCoreEngine } from './support/core-engine.js';
import { standInProviders } from './support/stand-in-provider.js';
import { waitUntil } from '../support/wait.js';

const FAKE_CLOUDFLARED = fileURLToPath(new URL('../support/fake-cloudflared/cloudflared', import.meta.url));
const AUTHTOKEN = '2abcD3efGhijKLmnOPqrSTuvWXyz_0123456789zYxW';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real engine with a stand-in provider that records the settings each connect resolved. */
async function engineRecordingSettings(overrides: Parameters<typeof startCoreEngine>[0] = {}) {
  const { factory, control } = standInProviders();
  const resolved: ResolvedProvider[] = [];
  const engine = await startCoreEngine(
    { tunnelProbeSettleMs: 0, ...overrides },
    { tunnelProviders: (settings, context, hooks) => (resolved.push(settings), factory(settings, context, hooks)) },
  );
  cleanups.push(() => engine.stop());
  return { engine, control, resolved };
}

const settingsFile = (dataDir: string) => join(dataDir, 'tunnel.json');

describe('tunnel settings', () => {
  it('keeps the ngrok authtoken owner-only in the data dir and never returns it whole', async () => {
    const { engine, resolved } = await engineRecordingSettings();
    const events = recordEvents(engine);
    const status = await engine.apiJson(
      '/api/tunnel/connect',
      postJson({ provider: 'ngrok', authtoken: AUTHTOKEN, domain: 'demo.ngrok-free.app' }),
    );
    expect(resolved.at(-1)).toEqual({ provider: 'ngrok', authtoken: AUTHTOKEN, domain: 'demo.ngrok-free.app' });

    const settings = await engine.apiJson('/api/tunnel/settings');
    expect(settings).toMatchObject({
      provider: 'ngrok',
      ngrok: { authtoken: '2abc…zYxW', authtoken_source: 'settings', domain: 'demo.ngrok-free.app' },
    });
    const file = settingsFile(engine.dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).ngrok.authtoken).toBe(AUTHTOKEN);
    // Not in any answer or live message.
    const seen = JSON.stringify([status, settings, await engine.apiJson('/api/tunnel'), events.messages]);
    expect(seen).not.toContain(AUTHTOKEN);
    expect(seen).not.toContain(AUTHTOKEN.slice(4, -4));

    // The next connect without a token uses the saved one; an empty domain clears the domain.
    await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'ngrok', domain: '' }));
    expect(resolved.at(-1)).toEqual({ provider: 'ngrok', authtoken: AUTHTOKEN, domain: null });
  });

  it("uses ngrok's own NGROK_AUTHTOKEN when none is saved, shows it masked as from the environment, and never writes it down", async () => {
    const { engine, resolved } = await engineRecordingSettings({ ngrokAuthtokenEnv: AUTHTOKEN });
    expect((await engine.apiJson('/api/tunnel/settings')).ngrok).toEqual({ authtoken: '2abc…zYxW', authtoken_source: 'env', domain: null });
    await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'ngrok' }));
    expect(resolved.at(-1)).toMatchObject({ provider: 'ngrok', authtoken: AUTHTOKEN });
    await engine.engine.tunnel.stop(0);
    expect(readFileSync(settingsFile(engine.dataDir), 'utf8')).not.toContain(AUTHTOKEN);
  });

  it('reads the tunnel.json the relay-only versions wrote', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    writeFileSync(
      settingsFile(dir.path),
      JSON.stringify({
        relay: 'https://relay.example.com',
        token: 'relay-token-0123456789',
        tunnel_id: 'abc',
        resume: 'r1',
        url: 'https://relay.example.com/t/abc',
        host_url: null,
        enabled: false,
      }),
    );
    const { engine } = await engineRecordingSettings({ dataDir: dir.path });
    expect(await engine.apiJson('/api/tunnel/settings')).toMatchObject({
      provider: 'relay',
      relay: { relay: 'https://relay.example.com', token_set: true, name: 'abc' },
    });
    expect(await engine.apiJson('/api/tunnel')).toMatchObject({
      provider: 'relay',
      status: 'offline',
      relay: 'https://relay.example.com',
      tunnel_id: 'abc',
    });
    const settings = JSON.stringify(await engine.apiJson('/api/tunnel/settings'));
    expect(settings).not.toContain('relay-token-0123456789');
  });

  it('shows the cloudflared a connect would run, and which localtunnel server and subdomain', async () => {
    const { engine } = await engineRecordingSettings({
      cloudflared: FAKE_CLOUDFLARED,
      ltHost: 'http://127.0.0.1:9',
      ltSubdomain: 'my-hooks',
    });
    const settings = await engine.apiJson('/api/tunnel/settings');
    expect(settings.cloudflare).toEqual({ cloudflared: null, found: FAKE_CLOUDFLARED, download_available: expect.any(Boolean) });
    expect(settings.localtunnel).toEqual({ host: 'http://127.0.0.1:9', subdomain: 'my-hooks' });
  });

  it('refuses every bad connect with a 400 in the shared error shape, saving nothing and leaving the running tunnel alone', async () => {
    const { engine: e2, resolved: r2 } = await engineRecordingSettings();
    const current = await e2.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    expect(current.status).toBe('online');
    const file = settingsFile(e2.dataDir);
    await waitUntil(() => existsSync(file) && readFileSync(file, 'utf8').includes(current.url), 'the URL saved');
    const before = readFileSync(file, 'utf8');
    const connects = r2.length;

    const cases: Array<[unknown, RegExp]> = [
      [{ provider: 'nope' }, /^provider: provider must be one of relay, cloudflare, ngrok, localtunnel$/],
      [{ provider: 'cloudflare', extra: 1 }, /Unrecognized key: "extra"/],
      [{ provider: 'cloudflare', cloudflared: '/no/such/cloudflared' }, /\/no\/such\/cloudflared/],
      [{ provider: 'ngrok', domain: 'not a domain!' }, /^domain: domain must be a host name/],
      [{ provider: 'ngrok', authtoken: '' }, /^authtoken: /],
      [{ provider: 'localtunnel', host: 'not a url' }, /^host: host must be a URL/],
      [{ provider: 'localtunnel', host: 'ftp://lt.example.com' }, /^host must start with https:\/\//],
      [{ provider: 'localtunnel', host: 'https://lt.example.com/some/path' }, /base URL/],
      [{ provider: 'localtunnel', subdomain: 'No_Caps' }, /^subdomain: subdomain must be 4 to 63/],
      [{ provider: 'relay', relay: 'http://relay.example.com', token: 'x' }, /https:\/\//],
      [{ provider: 'relay', relay: 'https://relay.example.com' }, /No relay is configured/],
      [{ relay: 'not a url' }, /^relay: relay must be a URL/],
      ['just a string', /expected object/],
    ];
    for (const [body, message] of cases) {
      const res = await e2.api('/api/tunnel/connect', postJson(body));
      const answer = await res.json();
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(Object.keys(answer).sort()).toEqual(expect.arrayContaining(['error', 'message']));
      expect(typeof answer.error).toBe('string');
      expect(answer.message).toMatch(message);
      expect(answer.message).not.toContain('\n');
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(r2.length).toBe(connects);
    expect(await e2.apiJson('/api/tunnel')).toMatchObject({ provider: 'cloudflare', status: 'online', url: current.url });
  });

  it.skipIf(!cloudflaredDownloadAvailable())(
    'downloads cloudflared from the configured base URL and keeps nothing whose SHA-256 is not the pinned one',
    async () => {
      const requested: string[] = [];
      const mirror = http.createServer((req, res) => {
        requested.push(req.url ?? '');
        res.end(Buffer.from('not cloudflared at all'));
      });
      await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => new Promise((resolve) => mirror.close(resolve)));
      const base = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/releases`;
      const { engine } = await engineRecordingSettings({ cloudflaredDownloadUrl: base });
      expect((await engine.apiJson('/api/tunnel/settings')).cloudflare.download_available).toBe(true);

      const res = await engine.api('/api/tunnel/cloudflared/download', postJson());
      const answer = await res.json();
      expect(res.status).toBe(502);
      expect(answer).toMatchObject({ error: 'cloudflared_checksum_mismatch', message: expect.stringMatching(/SHA-256/) });
      expect(requested).toEqual([expect.stringMatching(/^\/releases\/[\d.]+\/cloudflared-/)]);
      const bin = join(engine.dataDir, 'bin');
      expect(existsSync(bin) ? readdirSync(bin) : []).toEqual([]);
      expect(String((await engine.apiJson('/api/tunnel/settings')).cloudflare.found)).not.toContain(engine.dataDir);
    },
  );
});
