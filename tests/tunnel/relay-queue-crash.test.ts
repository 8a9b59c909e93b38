import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecord } from '../../electron/relay/queue/queue-record.js';
import type { DeliveryRecord } from '../../shared/api/deliveries.js';
import { BIN, startServe, type ServeProcess } from '../support/serve-process.js';
import { startTestEngine, type TestEngine } from '../support/test-engine.js';
import { tempDir } from '../support/temp-dir.js';
import { startRelayProcess, startServeWithTunnel, TUNNEL_ENV, waitForOutput, type RelayProcess } from './support/processes.js';
import { queuedDeliveries, sendQueued, type QueuedSend } from './support/queued-load.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';
import { json, send } from './support/senders.js';
import { startTunnelEngine, tunnelStatus } from './support/tunnel-engine.js';
import { eventually, waitUntil } from './support/wait.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  cleanups.push(dir.remove);
  return dir.path;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function relayProcess(port: number, queueDir: string, extra: string[] = []): Promise<RelayProcess> {
  const relay = await startRelayProcess(
    ['--port', String(port), '--queue', queueDir, '--hold-ms', '100', '--heartbeat-ms', '500', ...extra],
    { HOOKBENCH_RELAY_TOKENS: TOKEN_A },
  );
  cleanups.push(() => killed(relay));
  return relay;
}

async function killed(process: { child: import('node:child_process').ChildProcess; exited: Promise<unknown> }): Promise<void> {
  if (process.child.exitCode === null && process.child.signalCode === null) process.child.kill('SIGKILL');
  await process.exited;
}

/** The app connects once (the relay learns its tunnel), then quits: away, so the relay queues for it. */
async function appThatLeft(relayUrl: string, dataDir: string): Promise<string> {
  const first = await startTunnelEngine(relayUrl, TOKEN_A, { dataDir });
  await first.engine.stop();
  return first.url;
}

const pollCount = async (engine: TestEngine) => (await engine.apiJson('/api/health')).deliveries as number;

/** Every 202'd request is stored, and none twice. */
function expectExactlyOnce(stored: Array<Pick<DeliveryRecord, 'relay_request_id'>>, sent: Array<Pick<QueuedSend, 'id'>>) {
  const ids = stored.map((d) => d.relay_request_id);
  expect(ids).toHaveLength(sent.length);
  expect(new Set(ids)).toEqual(new Set(sent.map((s) => s.id)));
}

async function relayIdsOf(apiJson: <T>(path: string) => Promise<T>) {
  const stored = await queuedDeliveries(apiJson);
  // The summary has no relay id; the record does.
  return Promise.all(stored.map((d) => apiJson<DeliveryRecord>(`/api/deliveries/${d.id}`)));
}

describe('a crash in the middle of a drain', () => {
  it('kill -9 of the relay mid-drain, restart, reconnect: every request that got a 202 is stored exactly once', async () => {
    const port = await freePort();
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    let relay = await relayProcess(port, queueDir);
    const url = await appThatLeft(relay.url, dataDir);
    const sent = await sendQueued(url, 2000, 16);

    const back = await startTestEngine({ dataDir, relayUrl: relay.url, relayToken: TOKEN_A, tunnelRetryMaxMs: 500 });
    cleanups.push(() => back.stop());
    await eventually(async () => (await pollCount(back)) > 0, 'the drain to start', 30_000);
    relay.child.kill('SIGKILL');
    await relay.exited;
    // The scenario itself: the relay died with part of the queue delivered.
    expect(await pollCount(back)).toBeLessThan(sent.length);

    relay = await relayProcess(port, queueDir);
    await waitForOutput(relay.child, relay.output, /draining \d+ queued requests?/);
    await eventually(async () => (await pollCount(back)) >= sent.length, 'every queued request stored', 60_000);
    // Redeliveries of what was stored but not yet acknowledged when the relay died are answered as such.
    await waitUntil(() => back.engine.tunnel.status().relay_queue?.waiting === 0, 'the redeliveries to be acknowledged', 30_000);
    expectExactlyOnce(await relayIdsOf(back.apiJson), sent);
  }, 120_000);

  it('kill -9 of the app mid-drain, restart: every request that got a 202 is stored exactly once', async () => {
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    const relay = await startTestRelay({ queueDir, holdMs: 100, heartbeatMs: 500 });
    cleanups.push(() => relay.close());
    const first = await startServeWithTunnel(dataDir, relay.url, TOKEN_A);
    first.child.kill('SIGTERM');
    await first.exited;
    const sent = await sendQueued(first.tunnelUrl, 2000, 16);
    expect(relay.stats().queued).toBe(sent.length);

    const env = { ...TUNNEL_ENV, HOOKBENCH_RELAY_TOKEN: TOKEN_A };
    const second: ServeProcess = await startServe(dataDir, ['--relay', relay.url], env);
    cleanups.push(() => killed(second));
    await waitUntil(() => relay.stats().queued < sent.length, 'the drain to start', 30_000);
    second.child.kill('SIGKILL');
    await second.exited;
    expect(relay.stats().queued).toBeGreaterThan(0);

    const third = await startServeWithTunnel(dataDir, relay.url, TOKEN_A);
    cleanups.push(() => killed(third));
    await waitUntil(() => relay.stats().queued === 0, 'the drain to finish', 60_000);
    const apiJson = async (path: string) => {
      const res = await fetch(third.urls.apiUrl.replace(/\/api$/, '') + path, { headers: { Authorization: `Bearer ${third.apiToken}` } });
      return res.json();
    };
    expectExactlyOnce(await relayIdsOf(apiJson), sent);
  }, 120_000);
});

describe('the queue on disk', () => {
  it('a torn tail after kill -9 is cut off at start; everything answered 202 before it is delivered', async () => {
    const port = await freePort();
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    let relay = await relayProcess(port, queueDir);
    const url = await appThatLeft(relay.url, dataDir);
    const sent = await sendQueued(url, 5);
    relay.child.kill('SIGKILL');
    await relay.exited;
    const id = url.split('/t/')[1];
    const dir = join(queueDir, 'tunnels', id);
    const segment = readdirSync(dir).find((name) => name.endsWith('.seg'))!;
    const torn = encodeRecord({
      id: 'rq_torn',
      queuedAt: Date.now(),
      method: 'POST',
      target: '/torn',
      headers: [],
      remoteAddress: null,
      tls: false,
      body: Buffer.alloc(300, 1),
    });
    appendFileSync(join(dir, segment), torn.subarray(0, 100));

    relay = await relayProcess(port, queueDir);
    await waitForOutput(relay.child, relay.output, /cut a torn tail of 100 bytes off 00000001\.seg/);
    expect(relay.output()).toMatch(/Queue .* \(5 waiting\)/);
    const back = await startTunnelEngine(relay.url, TOKEN_A, { dataDir });
    cleanups.push(() => back.engine.stop());
    await waitUntil(async () => (await queuedDeliveries(back.engine.apiJson)).length === 5, 'the five to arrive');
    expect((await queuedDeliveries(back.engine.apiJson)).map((d) => d.path)).toEqual(sent.map((s) => s.path));
  }, 60_000);

  it('a disk that refuses the write answers 503 and never 2xx; what got 202 is delivered', async () => {
    const port = await freePort();
    const queueDir = scratch('hookbench-relay-queue-');
    const dataDir = scratch('hookbench-app-');
    // A real write failure: the relay may not grow a file past 64 KiB (RLIMIT_FSIZE, 512-byte blocks in sh).
    const child = spawn(
      'sh',
      [
        '-c',
        `ulimit -f 128; exec "${process.execPath}" "${BIN}" relay --host 127.0.0.1 --port ${port} --queue "${queueDir}" --hold-ms 100`,
      ],
      { env: { ...process.env, HOOKBENCH_RELAY_TOKENS: TOKEN_A }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    cleanups.push(() => killed({ child, exited }));
    const relayUrl = (await waitForOutput(child, () => out, /listening on (http\S+)/))[1];
    const url = await appThatLeft(relayUrl, dataDir);

    const accepted: string[] = [];
    const statuses: number[] = [];
    for (let n = 0; n < 60; n++) {
      const res = await send(`${url}/big/${n}`, { body: Buffer.alloc(4000, n) });
      statuses.push(res.status);
      if (res.status === 202) accepted.push(json(res).id);
      else expect(json(res)).toMatchObject({ error: 'queue_write_failed' });
    }
    expect(statuses).toContain(503);
    expect(statuses.every((s) => s === 202 || s === 503)).toBe(true);
    expect(out).toMatch(/queue write failed: (EFBIG|short write)/);

    const back = await startTunnelEngine(relayUrl, TOKEN_A, { dataDir });
    cleanups.push(() => back.engine.stop());
    await tunnelStatus(back.engine, (s) => (s.relay_queue?.drained ?? 0) >= accepted.length, 30_000);
    expectExactlyOnce(
      await relayIdsOf(back.engine.apiJson),
      accepted.map((id) => ({ id })),
    );
  }, 60_000);
});
