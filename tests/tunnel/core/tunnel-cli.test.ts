import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../electron/engine/config.js';
import { startupConnect } from '../../../electron/engine/tunnel/provider-settings.js';
import { runCli } from '../../support/serve-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { postJson, startCoreEngine } from './support/core-engine.js';
import { standInProviders } from './support/stand-in-provider.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const config = (flags: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => {
  const result = resolveConfig({ dataDir: '/d', ...flags }, env);
  if (!result.ok) throw new Error(result.message);
  return result.config;
};
const refusal = (flags: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => {
  const result = resolveConfig({ dataDir: '/d', ...flags }, env);
  return result.ok ? null : result.message;
};

describe('tunnel flags and variables', () => {
  it('take each provider option from its flag over its HOOKBENCH_* variable', () => {
    const env = {
      HOOKBENCH_TUNNEL: 'cloudflare',
      HOOKBENCH_CLOUDFLARED: '/env/cloudflared',
      HOOKBENCH_NGROK_AUTHTOKEN: 'env-token-0123456789',
      HOOKBENCH_NGROK_DOMAIN: 'env.ngrok-free.app',
      HOOKBENCH_LT_HOST: 'https://lt.env.example',
      HOOKBENCH_LT_SUBDOMAIN: 'env-hooks',
    };
    expect(config({}, env)).toMatchObject({
      tunnel: 'cloudflare',
      cloudflared: '/env/cloudflared',
      ngrokAuthtoken: 'env-token-0123456789',
      ngrokDomain: 'env.ngrok-free.app',
      ltHost: 'https://lt.env.example',
      ltSubdomain: 'env-hooks',
    });
    expect(
      config(
        {
          tunnel: 'ngrok',
          cloudflared: '/flag/cloudflared',
          ngrokAuthtoken: 'flag-token-0123456789',
          ngrokDomain: 'flag.ngrok-free.app',
          ltHost: 'https://lt.flag.example',
          ltSubdomain: 'flag-hooks',
        },
        env,
      ),
    ).toMatchObject({
      tunnel: 'ngrok',
      cloudflared: '/flag/cloudflared',
      ngrokAuthtoken: 'flag-token-0123456789',
      ngrokDomain: 'flag.ngrok-free.app',
      ltHost: 'https://lt.flag.example',
      ltSubdomain: 'flag-hooks',
    });
  });

  it("reads ngrok's own NGROK_AUTHTOKEN apart, as a fallback that is never saved", () => {
    const both = config({}, { NGROK_AUTHTOKEN: 'ngrok-own-0123456789', HOOKBENCH_NGROK_AUTHTOKEN: 'hookbench-0123456789' });
    expect(both).toMatchObject({ ngrokAuthtokenEnv: 'ngrok-own-0123456789', ngrokAuthtoken: 'hookbench-0123456789' });
    expect(startupConnect({ ...config({ tunnel: 'ngrok' }, { NGROK_AUTHTOKEN: 'ngrok-own-0123456789' }) })).toEqual({ provider: 'ngrok' });
  });

  it('start the provider named, with --relay and --relay-token meaning the relay', () => {
    expect(startupConnect(config({}))).toBeNull();
    expect(startupConnect(config({ tunnel: 'localtunnel', ltHost: 'http://127.0.0.1:9', ltSubdomain: 'my-hooks' }))).toEqual({
      provider: 'localtunnel',
      host: 'http://127.0.0.1:9',
      subdomain: 'my-hooks',
    });
    expect(startupConnect(config({ relayUrl: 'https://relay.example.com', relayToken: 'tok' }))).toEqual({
      provider: 'relay',
      relay: 'https://relay.example.com',
      token: 'tok',
    });
    expect(startupConnect(config({}, { HOOKBENCH_RELAY_TOKEN: 'tok' }))).toEqual({ provider: 'relay', token: 'tok' });
    expect(startupConnect(config({ tunnel: 'CloudFlare' }))).toEqual({ provider: 'cloudflare' });
  });

  it('name the flag or variable of a bad value, and never echo a secret', () => {
    expect(refusal({ tunnel: 'frp' })).toBe('--tunnel must be one of cloudflare, ngrok, localtunnel, relay (got "frp")');
    expect(refusal({}, { HOOKBENCH_TUNNEL: 'frp' })).toMatch(/^HOOKBENCH_TUNNEL must be one of/);
    expect(refusal({ ltHost: 'localtunnel.me' })).toMatch(/^--lt-host must be a server URL/);
    expect(refusal({ ltSubdomain: 'A_B' })).toMatch(/^--lt-subdomain must be 4 to 63/);
    expect(refusal({ ngrokDomain: 'not a domain' })).toMatch(/^--ngrok-domain must be a host name/);
    const long = 'x'.repeat(600);
    expect(refusal({ ngrokAuthtoken: long })).toBe('--ngrok-authtoken must be at most 512 characters');
    expect(refusal({}, { NGROK_AUTHTOKEN: long })).toBe('NGROK_AUTHTOKEN must be at most 512 characters');
    expect(refusal({ tunnel: 'cloudflare', relayUrl: 'https://relay.example.com', relayToken: 'tok' })).toBe(
      '--relay means the relay, but --tunnel asks for cloudflare: drop one of them',
    );
  });
});

describe('hookbench tunnel status', () => {
  it('asks the running engine and exits 0 only when it is online and its last probe passed', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const { factory, control } = standInProviders();
    const engine = await startCoreEngine(
      { dataDir: dir.path, tunnelProbeSettleMs: 0, tunnelProbeIntervalMs: 60_000 },
      { tunnelProviders: factory },
    );
    cleanups.push(() => engine.engine.stop());
    const env = { HOOKBENCH_API_URL: '', HOOKBENCH_API_TOKEN: '' };
    const status = (...args: string[]) => runCli(['tunnel', 'status', '--data-dir', dir.path, ...args], env);

    expect(await status()).toMatchObject({ code: 1, stdout: 'tunnel offline\n' });

    const online = await engine.apiJson('/api/tunnel/connect', postJson({ provider: 'cloudflare' }));
    const up = await status();
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(new RegExp(`^tunnel online ${online.url}/ \\(cloudflare, probe \\d+ ms\\)\\n$`));
    const asJson = await status('--json');
    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ provider: 'cloudflare', status: 'online', url: online.url, probe: { ok: true } });

    // The public side drops requests: only a probe can tell, and --probe asks for one now.
    control.setMode('drop');
    const degraded = await status('--probe');
    expect(degraded.code).toBe(1);
    expect(degraded.stdout).toMatch(new RegExp(`^tunnel degraded ${online.url}/ \\(probe_failed: .+ — .+\\)\\n$`));
    expect(await status()).toMatchObject({ code: 1 });
    control.setMode('pass');
    expect(await status('--probe')).toMatchObject({ code: 0 });
  });

  it('says so when no engine runs for the data dir', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const result = await runCli(['tunnel', 'status', '--data-dir', dir.path], { HOOKBENCH_API_URL: '', HOOKBENCH_API_TOKEN: '' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^hookbench: No Hookbench engine runs for .*hookbench serve/);
  });
});
