import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../../../support/serve-process.js';
import { tempDir } from '../../../support/temp-dir.js';
import { waitForOutput } from '../../support/processes.js';
import { waitUntil } from '../../support/wait.js';
import { FAKE_CLOUDFLARED, processGone, standInPids } from './provider-harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** `hookbench serve --tunnel cloudflare` with the stand-in cloudflared; resolves once the tunnel is online. */
async function serveWithCloudflare(
  faults: (dir: string) => Record<string, string> = () => ({}),
): Promise<{ serve: ServeProcess; publicUrl: string; pidFile: string; apiToken: string }> {
  const dir = tempDir('hookbench-serve-cf-');
  const pidFile = path.join(dir.path, 'cloudflared-pids');
  const serve = await startServe(path.join(dir.path, 'data'), ['--tunnel', 'cloudflare', '--cloudflared', FAKE_CLOUDFLARED], {
    FAKE_CLOUDFLARED_PID_FILE: pidFile,
    ...faults(dir.path),
  });
  cleanups.push(async () => {
    if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGTERM');
    await serve.exited;
    for (const pid of standInPids(pidFile)) if (!processGone(pid)) process.kill(pid, 'SIGKILL');
    dir.remove();
  });
  const online = await waitForOutput(serve.child, serve.output, /tunnel online (\S+?)\/\s/);
  return { serve, publicUrl: online[1], pidFile, apiToken: new URL(serve.urls.uiUrl).hash.replace('#token=', '') };
}

describe('hookbench serve --tunnel cloudflare (stand-in cloudflared)', () => {
  it('stores a request sent to the public URL as a tunnel delivery from cloudflare, with the sender from CF-Connecting-IP', async () => {
    const { serve, publicUrl, apiToken } = await serveWithCloudflare();
    const body = JSON.stringify({ event: 'order.paid', id: 'evt_cf_1' });
    const response = await fetch(`${publicUrl}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(200);

    const listed = await fetch(`${serve.urls.apiUrl}/deliveries?limit=1`, { headers: { authorization: `Bearer ${apiToken}` } });
    const [delivery] = ((await listed.json()) as { items: Array<Record<string, unknown>> }).items;
    expect(delivery).toMatchObject({
      method: 'POST',
      size: Buffer.byteLength(body),
      via: 'tunnel',
      tunnel_provider: 'cloudflare',
      remote_address: '127.0.0.1',
      remote_address_source: expect.stringContaining('CF-Connecting-IP'),
    });
    const status = await fetch(`${serve.urls.apiUrl}/tunnel`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(await status.json()).toMatchObject({ provider: 'cloudflare', status: 'online', url: publicUrl, url_stable: false });
  });

  it('prints reconnecting when cloudflared dies, then online with the new quick-tunnel URL', async () => {
    const { serve, publicUrl } = await serveWithCloudflare((dir) => ({
      FAKE_CLOUDFLARED_EXIT_AFTER_MS: '500',
      FAKE_CLOUDFLARED_FAULT_ONCE: path.join(dir, 'exited-once'),
    }));
    const from = serve.output().indexOf(`tunnel online ${publicUrl}/`);
    const reconnecting = await waitForOutput(serve.child, serve.output, /tunnel reconnecting in [\d.]+s \((\w+):/, from);
    expect(['cloudflared_connection_lost', 'cloudflared_exited']).toContain(reconnecting[1]);
    const next = await waitForOutput(serve.child, serve.output, /tunnel online (\S+?)\/\s/, from + reconnecting.index);
    expect(next[1]).not.toBe(publicUrl);
  });

  it('leaves no cloudflared running after serve is killed with kill -9', async () => {
    const { serve, pidFile } = await serveWithCloudflare();
    const [pid] = standInPids(pidFile);
    expect(processGone(pid)).toBe(false);
    serve.child.kill('SIGKILL');
    await serve.exited;
    await waitUntil(() => processGone(pid), `the stand-in cloudflared (pid ${pid}) to end after serve was killed`, 3_000);
  });
});
