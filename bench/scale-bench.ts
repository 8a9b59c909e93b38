import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneKibJson, runLoad, type LoadResult } from './load.js';
import { startHookbenchApi } from './processes.js';
import { SEED_SEARCH_WORD, seedDeliveries } from './seed.js';

const TOKEN = 'scale-bench-token-0123456789abcdef';
const SAMPLES = 40;

export interface ScaleFigures {
  small: number;
  large: number;
  seedSeconds: number;
  search: { smallMs: number; largeMs: number; ratio: number };
  firstPage: { smallMs: number; largeMs: number; ratio: number };
  insight: { smallMs: number; largeMs: number; ratio: number };
  rss: { emptyMb: number; largeMb: number; ratio: number };
  ingest: { empty: LoadResult; large: LoadResult; ratio: number };
}

const startEngine = (dataDir: string) => startHookbenchApi(dataDir, TOKEN);

type Engine = Awaited<ReturnType<typeof startEngine>>;

async function medianMs(engine: Engine, paths: string[]): Promise<number> {
  for (const path of paths) await engine.get(path); // Warm the page cache for both sizes alike.
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const path = paths[i % paths.length];
    const start = performance.now();
    await engine.get(path);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const searches = (rows: number) => [
  `/api/deliveries?limit=50&q=${SEED_SEARCH_WORD(rows - 1)}`,
  `/api/deliveries?limit=50&q=${encodeURIComponent(`"seeded delivery" ${SEED_SEARCH_WORD(rows - 2)}`)}`,
  `/api/deliveries?limit=50&q=${encodeURIComponent(`${SEED_SEARCH_WORD(rows - 3)} event:lead.created`)}`,
];
const firstPages = ['/api/deliveries?limit=50', '/api/deliveries?limit=50&direction=in', '/api/deliveries?limit=50&inbox=default'];
// What the Insight panel asks for, over the last two hours: seeded deliveries are a second apart,
// so both stores fill that window alike (7,200 deliveries) and the figure shows what the store's
// size adds. Built when asked: `since` is relative to the moment of measuring.
const insights = () => {
  const since = encodeURIComponent(new Date(Date.now() - 2 * 3600_000).toISOString());
  return [
    `/api/insight/rate?bucket=minute&since=${since}`,
    `/api/insight/response-times?since=${since}`,
    `/api/insight/rate?bucket=hour&since=${since}`,
  ];
};

async function measureQueries(dataDir: string, rows: number) {
  const engine = await startEngine(dataDir);
  try {
    const search = await medianMs(engine, searches(rows));
    const firstPage = await medianMs(engine, firstPages);
    const insight = await medianMs(engine, insights());
    await engine.get('/api/health');
    return { search, firstPage, insight, rss: engine.rssMb() };
  } finally {
    await engine.stop();
  }
}

/**
 * Search and list latency, engine memory and ingest with `large` deliveries stored against
 * `small` (or none), each pair measured in this same run.
 */
export async function scaleBenchmark(durationMs: number, small = 10_000, large = 1_000_000): Promise<ScaleFigures> {
  const smallDir = await seedDeliveries(small);
  const seedStart = performance.now();
  const largeDir = await seedDeliveries(large);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const emptyDir = mkdtempSync(join(tmpdir(), 'hookbench-empty-'));
  try {
    const s = await measureQueries(smallDir, small);
    const l = await measureQueries(largeDir, large);

    // Memory: an empty engine against the large store, each after the same requests.
    const emptyEngine = await startEngine(emptyDir);
    let emptyMb: number;
    try {
      for (const path of [...searches(1), ...firstPages, ...insights(), '/api/health']) await emptyEngine.get(path);
      emptyMb = emptyEngine.rssMb();
    } finally {
      await emptyEngine.stop();
    }

    // Ingest: rounds alternate between the empty store and the large one; best of two each.
    const body = oneKibJson();
    const results: { empty: LoadResult[]; large: LoadResult[] } = { empty: [], large: [] };
    for (let round = 0; round < 2; round++) {
      for (const [key, dir] of [
        ['empty', emptyDir],
        ['large', largeDir],
      ] as const) {
        const engine = await startEngine(dir);
        try {
          results[key].push(await runLoad(`${engine.receiver}/`, body, 50, durationMs));
        } finally {
          await engine.stop();
        }
      }
    }
    const best = (a: LoadResult[]) => (a[0].rps >= a[1].rps ? a[0] : a[1]);
    const ingestEmpty = best(results.empty);
    const ingestLarge = best(results.large);
    return {
      small,
      large,
      seedSeconds,
      search: { smallMs: s.search, largeMs: l.search, ratio: l.search / s.search },
      firstPage: { smallMs: s.firstPage, largeMs: l.firstPage, ratio: l.firstPage / s.firstPage },
      insight: { smallMs: s.insight, largeMs: l.insight, ratio: l.insight / s.insight },
      rss: { emptyMb, largeMb: l.rss, ratio: l.rss / emptyMb },
      ingest: { empty: ingestEmpty, large: ingestLarge, ratio: ingestLarge.rps / ingestEmpty.rps },
    };
  } finally {
    for (const dir of [smallDir, largeDir, emptyDir]) rmSync(dir, { recursive: true, force: true });
  }
}
