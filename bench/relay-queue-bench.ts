import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { runLoad, type LoadResult } from './load.js';
import { startProcess, type Started } from './processes.js';

export interface RelayQueueFigures {
  /** Requests answered 202 per second (each fdatasync'd before its answer) while the app is away. */
  queueing: LoadResult;
  /** The same load straight at the app's receiver (stored in SQLite, acknowledged after commit). */
  direct: LoadResult;
  connections: number;
  drained: number;
  /** From the relay starting the drain until the app has stored the last one (polled every 10 ms). */
  drainSeconds: number;
}

const BIN = fileURLToPath(new URL('../../bin/hookbench.js', import.meta.url));
const TOKEN = 'bench-token-0123456789abcdef';
const API_TOKEN = 'bench-api-token-0123456789abcdef';

function startRelay(queueDir: string) {
  return startProcess(
    [BIN, 'relay', '--host', '127.0.0.1', '--port', '0', '--max-inflight', '1024', '--hold-ms', '0', '--queue', queueDir],
    /listening on (http:\/\/\S+)/,
    { HOOKBENCH_RELAY_TOKENS: TOKEN },
  );
}

function startApp(dataDir: string, relayUrl: string) {
  return startProcess(
    [BIN, 'serve', '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open', '--relay', relayUrl],
    /Receiver\s+(http:\/\/\S+?)\/\s[\s\S]*API\s+(http:\/\/\S+\/api)[\s\S]*tunnel online (\S+?)\/\s/,
    { HOOKBENCH_RELAY_TOKEN: TOKEN, HOOKBENCH_API_TOKEN: API_TOKEN, HOOKBENCH_TUNNEL_RETRY_MAX_MS: '500' },
  );
}

/** Exactly `count` POSTs from `connections` keep-alive connections; throws on anything but 202. */
async function sendCount(url: string, body: Buffer, count: number, connections: number): Promise<void> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left -= 1;
      const res = await pool.request({ path: target.pathname, method: 'POST', body, headers: { 'content-type': 'application/json' } });
      await res.body.dump();
      if (res.statusCode !== 202) throw new Error(`expected 202 from the relay's queue, got ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await pool.close();
}

async function deliveryCount(apiUrl: string): Promise<number> {
  const res = await fetch(`${apiUrl}/health`, { headers: { Authorization: `Bearer ${API_TOKEN}` } });
  return ((await res.json()) as { deliveries: number }).deliveries;
}

/**
 * `hookbench relay --queue` and `hookbench serve` as separate processes on loopback: first the
 * rate at which the relay queues requests while the app is away (each on disk before its 202),
 * then, on a fresh queue, how long the app back takes to receive and store `drainCount` of them.
 */
export async function relayQueueBenchmark(
  durationMs: number,
  body: Buffer,
  connections = 50,
  drainCount = 10_000,
): Promise<RelayQueueFigures> {
  const dirs: string[] = [];
  const scratch = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const running: Started[] = [];
  try {
    // Queueing rate: the app connects once so the relay knows its tunnel, then quits.
    const relay = await startRelay(scratch('hookbench-bench-queue-'));
    running.push(relay);
    const first = await startApp(scratch('hookbench-bench-app-'), relay.match[1]);
    const tunnel = first.match[3];
    const direct = await runLoad(`${first.match[1]}/`, body, connections, durationMs);
    await first.stop();
    const queueing = await runLoad(`${tunnel}/`, body, connections, durationMs);
    await relay.stop();

    // Drain: a fresh relay and app, exactly drainCount queued, then the app comes back.
    const fresh = await startRelay(scratch('hookbench-bench-queue-'));
    running.push(fresh);
    let relayLog = '';
    fresh.child.stderr!.on('data', (chunk: Buffer) => (relayLog += chunk.toString()));
    const appDir = scratch('hookbench-bench-app-');
    const away = await startApp(appDir, fresh.match[1]);
    const url = away.match[3];
    await away.stop();
    await sendCount(`${url}/`, body, drainCount, connections);
    const back = await startApp(appDir, fresh.match[1]);
    running.push(back);
    const apiUrl = back.match[2];
    let doneAt = 0;
    while (!doneAt) {
      if ((await deliveryCount(apiUrl)) >= drainCount) doneAt = Date.now();
      else await new Promise((r) => setTimeout(r, 10));
    }
    const started = /(\S+) tunnel \S+: draining \d+ queued requests?/.exec(relayLog);
    if (!started) throw new Error(`the relay did not log its drain:\n${relayLog}`);
    return { queueing, direct, connections, drained: drainCount, drainSeconds: (doneAt - Date.parse(started[1])) / 1000 };
  } finally {
    for (const process of running.reverse()) await process.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
