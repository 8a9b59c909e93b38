import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TunnelStatus } from '../shared/api/tunnel-routes.js';
import { runLoad, type LoadResult } from './load.js';
import { startProcess } from './processes.js';

export interface TunnelRow {
  connections: number;
  direct: LoadResult;
  relay: LoadResult;
  /** Relay throughput as a share of direct (goal >= 0.5). */
  ratio: number;
  /** p99 through the relay minus p99 direct, in ms (goal <= 5 at 10 connections). */
  addedP99: number;
}

const BIN = fileURLToPath(new URL('../../bin/hookbench.js', import.meta.url));
const STAND_IN = fileURLToPath(new URL('./localtunnel-stand-in.js', import.meta.url));
const TOKEN = 'bench-token-0123456789abcdef';
const API_TOKEN = 'bench-api-token-0123456789abcdef';

function best(results: LoadResult[]): LoadResult {
  return results.reduce((a, b) => (b.rps > a.rps ? b : a));
}

/**
 * The same Hookbench engine measured two ways in one run: senders straight at its receiver, and
 * senders at a `hookbench relay` whose tunnel leads to it (every request stored and acknowledged
 * after commit either way). Relay and engine are separate processes on loopback, plain HTTP.
 */
export async function tunnelBenchmark(durationMs: number, body: Buffer, connectionCounts = [10, 50]): Promise<TunnelRow[]> {
  const relay = await startProcess(
    [BIN, 'relay', '--host', '127.0.0.1', '--port', '0', '--max-inflight', '1024'],
    /listening on (http:\/\/\S+)/,
    {
      HOOKBENCH_RELAY_TOKENS: TOKEN,
    },
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'hookbench-bench-tunnel-'));
  let engine: Awaited<ReturnType<typeof startProcess>> | null = null;
  try {
    engine = await startProcess(
      [
        BIN,
        'serve',
        '--data-dir',
        dataDir,
        '--api-port',
        '0',
        '--http-port',
        '0',
        '--https-port',
        '0',
        '--no-open',
        '--relay',
        relay.match[1],
      ],
      /Receiver\s+(http:\/\/\S+?)\/\s[\s\S]*tunnel online (\S+?)\/\s/,
      { HOOKBENCH_RELAY_TOKEN: TOKEN },
    );
    const direct = `${engine.match[1]}/`;
    const tunnel = `${engine.match[2]}/`;
    const rows: TunnelRow[] = [];
    for (const connections of connectionCounts) {
      const results: { direct: LoadResult[]; relay: LoadResult[] } = { direct: [], relay: [] };
      for (let round = 0; round < 2; round++) {
        results.direct.push(await runLoad(direct, body, connections, durationMs));
        results.relay.push(await runLoad(tunnel, body, connections, durationMs));
      }
      const d = best(results.direct);
      const r = best(results.relay);
      rows.push({ connections, direct: d, relay: r, ratio: r.rps / d.rps, addedP99: r.p99 - d.p99 });
    }
    return rows;
  } finally {
    await engine?.stop();
    await relay.stop();
  }
}

export interface LocaltunnelFigures {
  connections: number;
  direct: LoadResult;
  localtunnel: LoadResult;
  /** Throughput through the localtunnel provider as a share of direct, same run. */
  ratio: number;
  /** Round trips of on-demand probes through the public URL, as GET /api/tunnel reports them after each. */
  probeRttMs: number[];
}

async function apiJson(api: string, path: string, method = 'GET'): Promise<unknown> {
  const response = await fetch(`${api}${path}`, { method, headers: { Authorization: `Bearer ${API_TOKEN}` } });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as unknown;
}

/**
 * The localtunnel path on loopback: senders at the public URL of a stand-in localtunnel server (its
 * own process), whose tunnel sockets lead to the engine's localtunnel provider, then its ingress; and
 * the same senders straight at the engine's receiver. Every request is stored and acknowledged after
 * commit either way. The stand-in gives each public connection one tunnel socket of max_conn_count
 * (10), so `connections` stays below that.
 */
export async function localtunnelBenchmark(durationMs: number, body: Buffer, connections = 8, probes = 5): Promise<LocaltunnelFigures> {
  const server = await startProcess([STAND_IN], /listening (http:\/\/\S+)/);
  const dataDir = mkdtempSync(join(tmpdir(), 'hookbench-bench-localtunnel-'));
  let engine: Awaited<ReturnType<typeof startProcess>> | null = null;
  try {
    engine = await startProcess(
      [BIN, 'serve', '--data-dir', dataDir, '--api-port', '0', '--http-port', '0', '--https-port', '0', '--no-open'],
      /Receiver\s+(http:\/\/\S+?)\/\s[\s\S]*API\s+(http:\/\/\S+\/api)\s[\s\S]*tunnel online (\S+?)\/\s/,
      { HOOKBENCH_API_TOKEN: API_TOKEN, HOOKBENCH_TUNNEL: 'localtunnel', HOOKBENCH_LT_HOST: server.match[1] },
    );
    const direct = `${engine.match[1]}/`;
    const api = engine.match[2];
    const tunnel = `${engine.match[3]}/`;
    const results: { direct: LoadResult[]; localtunnel: LoadResult[] } = { direct: [], localtunnel: [] };
    for (let round = 0; round < 2; round++) {
      results.direct.push(await runLoad(direct, body, connections, durationMs));
      results.localtunnel.push(await runLoad(tunnel, body, connections, durationMs));
    }
    const probeRttMs: number[] = [];
    for (let i = 0; i < probes; i++) {
      await apiJson(api, '/tunnel/probe', 'POST');
      const status = (await apiJson(api, '/tunnel')) as TunnelStatus;
      if (!status.probe?.ok || status.probe.rtt_ms === null) throw new Error(`probe ${i + 1} failed: ${JSON.stringify(status.probe)}`);
      probeRttMs.push(status.probe.rtt_ms);
    }
    const d = best(results.direct);
    const lt = best(results.localtunnel);
    return { connections, direct: d, localtunnel: lt, ratio: lt.rps / d.rps, probeRttMs };
  } finally {
    await engine?.stop();
    await server.stop();
  }
}
