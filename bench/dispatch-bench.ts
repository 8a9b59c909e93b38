import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../electron/engine/engine.js';
import { deliveryHeaders, envelopeBytes } from '../electron/engine/dispatch/delivery-request.js';
import { eventTemplate } from '../electron/engine/dispatch/event-templates.js';
import { runLoad, type LoadResult } from './load.js';
import { startBareServer } from './processes.js';

export interface DispatchFigures {
  baseline: LoadResult;
  hookbench: LoadResult;
  ratio: number;
}

/** Concurrent lines: integrations on the Hookbench side, keep-alive connections on the baseline side. */
const LINES = 32;
const SECRET = 'whsec_bench';

function best(a: LoadResult, b: LoadResult): LoadResult {
  return a.rps >= b.rps ? a : b;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Signed InboundFlow deliveries through the dispatch engine (envelope built and signed per
 * delivery, delivery and both attempt records committed, failure count kept) to a keep-alive
 * sink, against a plain undici POST loop of the same bodies to the same sink, in the same run.
 */
export async function dispatchBenchmark(durationMs: number): Promise<DispatchFigures> {
  const data = eventTemplate('call.completed');
  const sampleBody = envelopeBytes({
    event: 'call.completed',
    occurredAt: new Date(),
    organizationId: 'org',
    deliveryId: '6f1c2b1e-2f0a-4d4b-9b7e-3f4f2a1c9d00',
    data,
  });
  const sampleHeaders = Object.fromEntries(
    deliveryHeaders({
      event: 'call.completed',
      deliveryId: '6f1c2b1e-2f0a-4d4b-9b7e-3f4f2a1c9d00',
      timestamp: Math.floor(Date.now() / 1000),
      body: sampleBody,
      secret: SECRET,
    })
      .filter(([name]) => name !== 'Content-Type')
      .map(([name, value]) => [name.toLowerCase(), value]),
  );

  const sink = await startBareServer();
  const sinkUrl = sink.match[1];
  const dataDir = mkdtempSync(join(tmpdir(), 'hookbench-dispatch-bench-'));
  const engine = createEngine({ dataDir, apiPort: 0, httpPort: 0, httpsPort: 0, allowHttpLocalhost: true });
  await engine.start();
  const { dispatcher, integrations } = engine.dispatch;
  const lines = await Promise.all(
    Array.from({ length: LINES }, async (_, i) => {
      const created = await integrations.create({
        kind: 'custom',
        name: `bench ${i}`,
        url: `${sinkUrl}/bench/${i}`,
        events: ['call.completed'],
        secret: SECRET,
      });
      return created.id;
    }),
  );

  const dispatchLoad = async (): Promise<LoadResult> => {
    const latencies: number[] = [];
    let errors = 0;
    let measuring = false;
    let running = true;
    const worker = async (integrationId: string) => {
      while (running) {
        const start = performance.now();
        const fired = await dispatcher.fire('call.completed', data, [integrationId], true);
        if (!measuring) continue;
        if (fired.deliveries[0].state === 'delivered') latencies.push(performance.now() - start);
        else errors += 1;
      }
    };
    const workers = lines.map(worker);
    await new Promise((r) => setTimeout(r, 500));
    measuring = true;
    const started = performance.now();
    await new Promise((r) => setTimeout(r, durationMs));
    measuring = false;
    const seconds = (performance.now() - started) / 1000;
    running = false;
    await Promise.all(workers);
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      errors,
      non2xx: 0,
      seconds,
      rps: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  };

  const results: { baseline: LoadResult[]; hookbench: LoadResult[] } = { baseline: [], hookbench: [] };
  try {
    for (let round = 0; round < 2; round++) {
      results.baseline.push(await runLoad(`${sinkUrl}/baseline`, sampleBody, LINES, durationMs, sampleHeaders));
      results.hookbench.push(await dispatchLoad());
    }
  } finally {
    await engine.stop();
    await sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const baseline = best(results.baseline[0], results.baseline[1]);
  const hookbench = best(results.hookbench[0], results.hookbench[1]);
  return { baseline, hookbench, ratio: hookbench.rps / baseline.rps };
}
