import { afterAll, describe, expect, it } from 'vitest';
import { createCloudflareProvider } from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflare-provider.js';
import { findCloudflared } from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflared-binary.js';
import { tempDir } from '../../../support/temp-dir.js';
import { ReportLog, providerContext, startRawIngress } from './provider-harness.js';

// A real quick tunnel needs cloudflared and the internet: opt in with HOOKBENCH_ONLINE_CLOUDFLARE=1.
const dir = tempDir('hookbench-cf-online-');
const optedIn = process.env.HOOKBENCH_ONLINE_CLOUDFLARE === '1';
function installedCloudflared(): string | null {
  try {
    return findCloudflared(process.env.HOOKBENCH_CLOUDFLARED ?? null, dir.path);
  } catch {
    return null;
  }
}
const binary = optedIn ? installedCloudflared() : null;
const skipReason = !optedIn
  ? 'set HOOKBENCH_ONLINE_CLOUDFLARE=1 to run it (needs the internet)'
  : !binary
    ? 'no usable cloudflared on PATH or at HOOKBENCH_CLOUDFLARED'
    : null;
if (skipReason) console.log(`cloudflare online test skipped: ${skipReason}`);
afterAll(() => dir.remove());

describe.skipIf(skipReason !== null)('cloudflare provider with the real cloudflared (online)', () => {
  it('comes online with a trycloudflare.com URL that carries a request to the ingress', async () => {
    const ingress = await startRawIngress();
    const log = new ReportLog();
    const provider = createCloudflareProvider({ cloudflared: binary }, providerContext(ingress, dir.path, log));
    try {
      await provider.start();
      const online = await log.waitFor('online', undefined, 0, 60_000);
      expect(online.url).toMatch(/^https:\/\/[a-z0-9-]+\.trycloudflare\.com$/);
      const arrival = ingress.nextRequest();
      // A new quick tunnel's hostname can take a while to resolve ("it may take some time to be reachable"):
      // there is no event for that, so this online-only check polls.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const response = await fetch(`${online.url}/i/online-check`).catch(() => null);
        if (response?.status === 200) break;
        if (Date.now() > deadline) throw new Error(`${online.url} did not answer within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
      expect((await arrival).toString('latin1')).toMatch(/^GET \/i\/online-check HTTP\/1\.1\r\n[\s\S]*\r\ncf-connecting-ip: /i);
    } finally {
      await provider.stop(5_000);
      await ingress.close();
    }
  }, 150_000);
});
