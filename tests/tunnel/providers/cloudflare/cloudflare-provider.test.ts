import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TunnelProvider } from '../../../../electron/engine/tunnel/provider.js';
import {
  createCloudflareProvider,
  type CloudflareProviderOptions,
} from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflare-provider.js';
import { tempDir } from '../../../support/temp-dir.js';
import { waitUntil } from '../../support/wait.js';
import {
  FAKE_CLOUDFLARED,
  ReportLog,
  processGone,
  providerContext,
  sendRaw,
  standInPids,
  startRawIngress,
  type RawIngress,
  type ReportIn,
} from './provider-harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Started {
  provider: TunnelProvider;
  log: ReportLog;
  lines: string[];
  ingress: RawIngress;
  dataDir: string;
  pidFile: string;
}

/** A cloudflare provider running the stand-in against a fresh raw ingress; stopped after the test. */
async function startProvider(
  faults: Record<string, string> = {},
  options: CloudflareProviderOptions = {},
  cloudflared: string | null = FAKE_CLOUDFLARED,
): Promise<Started> {
  const dir = tempDir('hookbench-cf-');
  const ingress = await startRawIngress();
  const log = new ReportLog();
  const lines: string[] = [];
  const pidFile = path.join(dir.path, 'pids');
  const provider = createCloudflareProvider({ cloudflared }, providerContext(ingress, dir.path, log, lines), {
    retry: { baseMs: 50, maxMs: 200 },
    ...options,
    env: { ...process.env, FAKE_CLOUDFLARED_PID_FILE: pidFile, ...faults, ...options.env },
  });
  cleanups.push(async () => {
    await provider.stop(2_000);
    await ingress.close();
    dir.remove();
  });
  return { provider, log, lines, ingress, dataDir: dir.path, pidFile };
}

describe('cloudflare provider with the stand-in cloudflared', () => {
  it('comes online with the URL from the quick-tunnel box, and a request through it arrives byte for byte with CF-Connecting-IP', async () => {
    const { provider, log, ingress } = await startProvider();
    await provider.start();
    const online = await log.waitFor('online');
    expect(online).toMatchObject({ state: 'online', urlStable: false });
    expect(online.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(log.reports[0]).toEqual({ state: 'starting' });

    const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x31, 0x7d, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80]);
    const head = `POST /i/orders/webhook?x=1 HTTP/1.1\r\nHost: example.trycloudflare.com\r\nX-Signature: t=1,v1=abc\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`;
    const sent = Buffer.concat([Buffer.from(head, 'latin1'), body]);
    const arrival = ingress.nextRequest();
    const answer = await sendRaw(online.url, sent, /stored$/);
    const arrived = await arrival;

    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    const arrivedHead = arrived.subarray(0, arrived.indexOf('\r\n\r\n') + 4).toString('latin1');
    expect(arrivedHead).toMatch(/\r\nCF-Connecting-IP: 127\.0\.0\.1\r\n/);
    expect(arrivedHead).toMatch(/\r\nCF-Ray: [0-9a-f]{16}-[A-Z]{3}\r\n/);
    const withoutEdgeHeaders = Buffer.from(
      arrived.toString('latin1').replace(/CF-Connecting-IP: [^\r]*\r\nCF-Ray: [^\r]*\r\n/, ''),
      'latin1',
    );
    expect(withoutEdgeHeaders.equals(sent)).toBe(true);
  });

  it('reports reconnecting when cloudflared exits with the termination lines, then online again with a new URL', async () => {
    const dir = tempDir('hookbench-cf-once-');
    cleanups.push(() => dir.remove());
    const { provider, log, ingress } = await startProvider({
      FAKE_CLOUDFLARED_EXIT_AFTER_MS: '300',
      FAKE_CLOUDFLARED_FAULT_ONCE: path.join(dir.path, 'exited'),
    });
    await provider.start();
    const first = await log.waitFor('online');
    const reconnecting = await log.waitFor('reconnecting', undefined, log.after(first));
    expect(reconnecting.error.code).toBe('cloudflared_connection_lost');
    const restart = await log.waitFor('reconnecting', (r) => r.nextAttemptAt !== null, log.after(first));
    expect(restart).toMatchObject({ error: { code: 'cloudflared_exited' } });
    expect(restart.error.message).toMatch(/exited with code 1: Tunnel server stopped: accept stream listener/);

    const second = await log.waitFor('online', undefined, log.after(restart));
    expect(second.url).not.toBe(first.url);
    expect(second.urlStable).toBe(false);
    const arrival = ingress.nextRequest();
    await sendRaw(second.url, Buffer.from('GET /i/orders/after-restart HTTP/1.1\r\nHost: x\r\n\r\n'), /stored$/);
    expect((await arrival).toString('latin1')).toMatch(/^GET \/i\/orders\/after-restart /);
  });

  it('reports reconnecting while cloudflared has lost its edge connection, and online again with the same URL when it re-registers', async () => {
    const { provider, log } = await startProvider({ FAKE_CLOUDFLARED_DROP_AFTER_MS: '200', FAKE_CLOUDFLARED_REGAIN_AFTER_MS: '300' });
    await provider.start();
    const first = await log.waitFor('online');
    const lost = await log.waitFor('reconnecting', undefined, log.after(first));
    expect(lost).toMatchObject({ attempt: 1, error: { code: 'cloudflared_connection_lost' } });
    expect(lost.error.message).toMatch(/timeout: no recent network activity/);
    expect(lost.nextAttemptAt).toEqual(expect.any(Number));
    const back = await log.waitFor('online', undefined, log.after(lost));
    expect(back.url).toBe(first.url);
  });

  it('restarts cloudflared when it does not regain its edge connection in time', async () => {
    const { provider, log } = await startProvider({ FAKE_CLOUDFLARED_DROP_AFTER_MS: '100' }, { urlTimeoutMs: 1_000 });
    await provider.start();
    const first = await log.waitFor('online');
    const restart = await log.waitFor('reconnecting', (r) => r.error.message.includes('did not reconnect'), log.after(first));
    expect(restart.error.code).toBe('cloudflared_connection_lost');
    const second = await log.waitFor('online', undefined, log.after(restart));
    expect(second.url).not.toBe(first.url);
  });

  it('fails with url_timeout when cloudflared prints no URL in time, and leaves no process behind', async () => {
    const { provider, log, pidFile } = await startProvider({ FAKE_CLOUDFLARED_NO_URL: '1' }, { urlTimeoutMs: 800 });
    await provider.start();
    // start() settles on the verdict, without waiting for cloudflared to finish stopping.
    const failed = log.reports.at(-1) as ReportIn<'failed'>;
    expect(failed.state).toBe('failed');
    expect(failed.error.code).toBe('url_timeout');
    expect(failed.error.message).toBe('cloudflared printed no quick tunnel URL within 1 s.');
    expect(failed.error.fix).toMatch(/api\.trycloudflare\.com/);
    const [pid] = standInPids(pidFile);
    await waitUntil(() => processGone(pid), 'the stand-in to be stopped after the timeout', 5_000);
  });

  it('fails with the edge unreachable when the URL comes but no connection registers in time', async () => {
    const { provider, log } = await startProvider({ FAKE_CLOUDFLARED_NO_CONNECTION: '1' }, { urlTimeoutMs: 800 });
    await provider.start();
    const failed = await log.waitFor('failed');
    expect(failed.error.code).toBe('cloudflared_not_connected');
    expect(failed.error.message).toMatch(/^cloudflared got http:\/\/127\.0\.0\.1:\d+ but registered no connection/);
  });

  it('fails at once with cloudflared’s own reason when it cannot get a quick tunnel', async () => {
    const { provider, log } = await startProvider({ FAKE_CLOUDFLARED_FAIL_START: 'network' });
    await provider.start();
    expect(log.reports.at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'quick_tunnel_refused', message: expect.stringMatching(/failed to request quick Tunnel: .*no such host$/) },
    });
  });

  it('fails as rate limited when trycloudflare.com answers 429', async () => {
    const { provider, log } = await startProvider({ FAKE_CLOUDFLARED_FAIL_START: 'rate_limit' });
    await provider.start();
    expect(log.reports.at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'quick_tunnel_rate_limited', fix: expect.stringMatching(/Wait a few minutes/) },
    });
  });

  it('keeps trying after a loss even when a restart is refused, counting attempts until it is online again', async () => {
    const dir = tempDir('hookbench-cf-runs-');
    cleanups.push(() => dir.remove());
    // Run 1 exits after coming online, run 2 is refused a quick tunnel, run 3 works.
    const wrapper = path.join(dir.path, 'cloudflared');
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        `runs="${dir.path}/runs"`,
        'echo run >> "$runs"',
        'n=$(wc -l < "$runs")',
        'if [ "$n" -eq 1 ]; then export FAKE_CLOUDFLARED_EXIT_AFTER_MS=200; fi',
        'if [ "$n" -eq 2 ]; then export FAKE_CLOUDFLARED_FAIL_START=network; fi',
        `exec "${FAKE_CLOUDFLARED}" "$@"`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const { provider, log } = await startProvider({}, {}, wrapper);
    await provider.start();
    const first = await log.waitFor('online');
    const refused = await log.waitFor('reconnecting', (r) => r.error.code === 'quick_tunnel_refused', log.after(first));
    expect(refused.attempt).toBe(3);
    expect(refused.nextAttemptAt).toEqual(expect.any(Number));
    const third = await log.waitFor('online', undefined, log.after(refused));
    expect(third.url).not.toBe(first.url);
    expect(log.reports.some((r) => r.state === 'failed')).toBe(false);
  });

  it('stop() ends cloudflared: no stand-in process is left, and no report follows', async () => {
    const { provider, log, pidFile } = await startProvider();
    await provider.start();
    await log.waitFor('online');
    const [pid] = standInPids(pidFile);
    expect(processGone(pid)).toBe(false);
    const count = log.reports.length;
    await provider.stop(2_000);
    expect(processGone(pid)).toBe(true);
    await provider.stop(2_000);
    expect(log.reports.length).toBe(count);
  });

  it('stop() kills a cloudflared that ignores SIGTERM once the grace period is over', async () => {
    const { provider, log, pidFile } = await startProvider({ FAKE_CLOUDFLARED_IGNORE_TERM: '1' });
    await provider.start();
    await log.waitFor('online');
    const [pid] = standInPids(pidFile);
    await provider.stop(200);
    expect(processGone(pid)).toBe(true);
  });
});

describe('cloudflare provider without a usable cloudflared', () => {
  it('fails with cloudflared_not_found and a fix saying how to install it or where to point Hookbench', async () => {
    const { provider, log, dataDir } = await startProvider({}, { env: { PATH: '' } }, null);
    await provider.start();
    expect(log.reports).toEqual([
      { state: 'starting' },
      { state: 'failed', error: expect.objectContaining({ code: 'cloudflared_not_found' }) },
    ]);
    const { error } = log.reports[1] as { error: { message: string; fix: string } };
    expect(error.message).toContain(path.join(dataDir, 'bin'));
    expect(error.fix).toMatch(/--cloudflared PATH, HOOKBENCH_CLOUDFLARED or the cloudflared setting/);
    expect(error.fix).toMatch(/Download cloudflared/);
  });

  it('fails naming the explicit path when it does not exist, without searching elsewhere', async () => {
    const missing = '/nonexistent/hookbench/cloudflared';
    const { provider, log } = await startProvider({}, {}, missing);
    await provider.start();
    expect(log.reports.at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'cloudflared_not_found', message: expect.stringContaining(missing) },
    });
  });

  it('fails as not executable when the explicit path lacks the execute bit', async () => {
    const dir = tempDir('hookbench-cf-noexec-');
    cleanups.push(() => dir.remove());
    const file = path.join(dir.path, 'cloudflared');
    copyFileSync(FAKE_CLOUDFLARED, file);
    chmodSync(file, 0o644);
    const { provider, log } = await startProvider({}, {}, file);
    await provider.start();
    expect(log.reports.at(-1)).toMatchObject({
      state: 'failed',
      error: { code: 'cloudflared_not_executable', message: expect.stringContaining(file), fix: expect.stringContaining('chmod +x') },
    });
  });

  it('fails with cloudflared’s exit and last line when the binary exits at once with an error', async () => {
    const dir = tempDir('hookbench-cf-broken-');
    cleanups.push(() => dir.remove());
    const file = path.join(dir.path, 'cloudflared');
    mkdirSync(dir.path, { recursive: true });
    writeFileSync(file, '#!/bin/sh\necho "2026-01-01T00:00:00Z ERR Cannot determine default origin certificate path." >&2\nexit 3\n', {
      mode: 0o755,
    });
    const { provider, log } = await startProvider({}, {}, file);
    await provider.start();
    expect(log.reports.at(-1)).toMatchObject({
      state: 'failed',
      error: {
        code: 'cloudflared_exited',
        message: 'cloudflared exited with code 3: Cannot determine default origin certificate path.',
        fix: expect.stringMatching(/^Run `.*cloudflared tunnel --url http:\/\/127\.0\.0\.1:\d+ --no-autoupdate` in a terminal/),
      },
    });
  });
});
