import { runLoad, type LoadResult } from './load.js';
import { startBareServer, startHookbench } from './processes.js';

export interface IngestFigures {
  baseline: LoadResult;
  hookbench: LoadResult;
  ratio: number;
}

const CONNECTIONS = 50;

function best(a: LoadResult, b: LoadResult): LoadResult {
  return a.rps >= b.rps ? a : b;
}

/**
 * Receiver ingest (every request stored, acknowledged after commit) against a bare Node server
 * that stores nothing, in the same run; rounds alternate so machine noise hits both alike.
 */
export async function ingestBenchmark(durationMs: number, body: Buffer, headers: Record<string, string> = {}): Promise<IngestFigures> {
  const results: { baseline: LoadResult[]; hookbench: LoadResult[] } = { baseline: [], hookbench: [] };
  const bare = await startBareServer();
  const engine = await startHookbench();
  try {
    for (let round = 0; round < 2; round++) {
      results.baseline.push(await runLoad(`${bare.match[1]}/`, body, CONNECTIONS, durationMs, headers));
      results.hookbench.push(await runLoad(`${engine.match[1]}/`, body, CONNECTIONS, durationMs, headers));
    }
  } finally {
    await bare.stop();
    await engine.stop();
  }
  const baseline = best(results.baseline[0], results.baseline[1]);
  const hookbench = best(results.hookbench[0], results.hookbench[1]);
  return { baseline, hookbench, ratio: hookbench.rps / baseline.rps };
}
