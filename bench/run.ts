import { dispatchBenchmark } from './dispatch-bench.js';
import { ingestBenchmark } from './ingest-bench.js';
import { scaleBenchmark } from './scale-bench.js';
import { relayQueueBenchmark } from './relay-queue-bench.js';
import { localtunnelBenchmark, tunnelBenchmark } from './tunnel-bench.js';
import { bodyViewBenchmark } from './body-bench.js';
import { firstRowBenchmark } from './ui-bench.js';
import { freshnessBenchmark, type Lag } from './freshness-bench.js';
import { oneKibInboundFlow, oneKibJson, type LoadResult } from './load.js';

const durationMs = Number(process.env.BENCH_DURATION_MS ?? 4000);

function row(name: string, r: LoadResult): string {
  return `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   errors ${r.errors + r.non2xx}`;
}

async function scale() {
  const rows = Number(process.env.BENCH_SCALE_ROWS ?? 1_000_000);
  const s = await scaleBenchmark(durationMs, 10_000, rows);
  const n = (x: number) => x.toLocaleString('en');
  console.log(`Scale: ${n(s.large)} stored deliveries vs ${n(s.small)} (seeding ${n(s.large)} took ${s.seedSeconds.toFixed(0)} s)`);
  console.log(
    `  search, first page (median)       ${s.search.smallMs.toFixed(1)} ms → ${s.search.largeMs.toFixed(1)} ms   ratio ${s.search.ratio.toFixed(2)} (goal <= 2)`,
  );
  console.log(
    `  list, first page (median)         ${s.firstPage.smallMs.toFixed(1)} ms → ${s.firstPage.largeMs.toFixed(1)} ms   ratio ${s.firstPage.ratio.toFixed(2)} (goal <= 1.5)`,
  );
  console.log(
    `  insight charts (median)           ${s.insight.smallMs.toFixed(1)} ms → ${s.insight.largeMs.toFixed(1)} ms   ratio ${s.insight.ratio.toFixed(2)} (goal <= 2)`,
  );
  console.log(
    `  engine RSS, empty → ${n(s.large)}      ${s.rss.emptyMb.toFixed(0)} MB → ${s.rss.largeMb.toFixed(0)} MB   ratio ${s.rss.ratio.toFixed(2)} (goal <= 1.3)`,
  );
  console.log(row('  ingest, empty store', s.ingest.empty));
  console.log(row(`  ingest, ${n(s.large)} stored`, s.ingest.large));
  console.log(`  ratio ${s.ingest.ratio.toFixed(2)} (goal >= 0.9)\n`);
}

async function tunnel() {
  const tunnel = await tunnelBenchmark(durationMs, oneKibJson());
  console.log('Tunnel: 1 KiB JSON POSTs through `hookbench relay` vs straight to the same receiver (both ack after commit)');
  for (const t of tunnel) {
    console.log(row(`  direct, ${t.connections} connections`, t.direct));
    console.log(row(`  via relay, ${t.connections} connections`, t.relay));
    console.log(
      `  ratio ${t.ratio.toFixed(2)} (goal >= 0.5)   added p99 ${t.addedP99.toFixed(2)} ms${t.connections === 10 ? ' (goal <= 5)' : ''}`,
    );
  }
  console.log('');
  await relayQueue();
  await localtunnel();
}

async function relayQueue() {
  const q = await relayQueueBenchmark(durationMs, oneKibJson());
  console.log('Relay queue (--queue): 1 KiB JSON POSTs while the app is away, each fdatasync’d before its 202; then the app comes back');
  console.log(row(`  app's receiver, ${q.connections} connections`, q.direct));
  console.log(row(`  queued while away, ${q.connections} connections`, q.queueing));
  console.log(`  ratio ${(q.queueing.rps / q.direct.rps).toFixed(2)} (queued on the relay vs stored by the app directly)`);
  const rate = (q.drained / q.drainSeconds).toFixed(0);
  console.log(
    `  drain of ${q.drained.toLocaleString('en')} queued requests into the app (stored, acknowledged)   ${q.drainSeconds.toFixed(2)} s   ${rate} req/s\n`,
  );
}

async function localtunnel() {
  const lt = await localtunnelBenchmark(durationMs, oneKibJson());
  console.log('Tunnel, localtunnel on loopback: 1 KiB JSON POSTs through a stand-in localtunnel server and the engine’s provider');
  console.log(row(`  direct, ${lt.connections} connections`, lt.direct));
  console.log(row(`  via localtunnel, ${lt.connections} connections`, lt.localtunnel));
  const rtts = [...lt.probeRttMs].sort((a, b) => a - b);
  console.log(
    `  ratio ${lt.ratio.toFixed(2)}   probe round trip median ${rtts[Math.floor(rtts.length / 2)].toFixed(1)} ms (${rtts.map((ms) => ms.toFixed(1)).join(', ')})\n`,
  );
}

async function body() {
  const b = await bodyViewBenchmark();
  console.log(
    `Inbox UI: a ${(b.bytes / 1024 / 1024).toFixed(1)} MiB JSON body (${b.lines.toLocaleString('en')} lines) in the Body tab (Chromium, median of 5)`,
  );
  console.log(`  open (click to first line)         ${b.openMs.toFixed(0)} ms`);
  console.log(`  all of it laid out                 ${b.completeMs.toFixed(0)} ms`);
  console.log(`  jump to the end                    ${b.endMs.toFixed(0)} ms`);
  console.log(`  40 page scrolls, 2 frames each     ${b.scrollMs.toFixed(0)} ms   worst step ${b.worstFrameMs.toFixed(0)} ms`);
  console.log(`  main-thread busy: open ${b.openTaskMs.toFixed(0)} ms, scrolls ${b.scrollTaskMs.toFixed(0)} ms\n`);
}

async function ingest() {
  const ingest = await ingestBenchmark(durationMs, oneKibJson());
  console.log('Ingest: 1 KiB JSON POSTs, 50 keep-alive connections');
  console.log(row('  bare Node http (stores nothing)', ingest.baseline));
  console.log(row('  Hookbench receiver (ack after commit)', ingest.hookbench));
  console.log(`  ratio ${ingest.ratio.toFixed(2)} (goal >= 0.45, stretch 0.8)\n`);
}

async function verdicts() {
  const inboundFlow = oneKibInboundFlow();
  const verdicts = await ingestBenchmark(durationMs, inboundFlow.body, inboundFlow.headers);
  console.log('Ingest of InboundFlow deliveries: 1 KiB call.completed envelopes, signature and schema verdicts computed');
  console.log(row('  bare Node http (stores nothing)', verdicts.baseline));
  console.log(row('  Hookbench receiver (ack after commit)', verdicts.hookbench));
  console.log(`  ratio ${verdicts.ratio.toFixed(2)} (goal >= 0.35)\n`);
}

async function dispatch() {
  const dispatch = await dispatchBenchmark(durationMs);
  console.log('Dispatch: signed call.completed deliveries (~0.7 KiB) to a keep-alive sink, 32 integrations / connections');
  console.log(row('  plain undici POST loop (same bodies)', dispatch.baseline));
  console.log(row('  Hookbench sender (attempts stored)', dispatch.hookbench));
  console.log(`  ratio ${dispatch.ratio.toFixed(2)} (goal >= 0.35, stretch 0.7)\n`);
}

async function firstRow() {
  const firstRow = await firstRowBenchmark();
  console.log('Inbox UI: page load to first rendered row (Chromium, median of 5 loads)');
  console.log(`  ${firstRow.small.rows} deliveries stored`.padEnd(36) + `${firstRow.small.ms.toFixed(0)} ms`);
  console.log(`  ${firstRow.large.rows} deliveries stored`.padEnd(36) + `${firstRow.large.ms.toFixed(0)} ms`);
  console.log(`  ratio ${firstRow.ratio.toFixed(2)} (goal <= 1.5)\n`);
}

async function freshness() {
  const stored = Number(process.env.BENCH_FRESHNESS_ROWS ?? 0);
  const f = await freshnessBenchmark(durationMs, stored);
  const lag = (l: Lag) =>
    `p50 ${l.p50.toFixed(1).padStart(6)} ms   p99 ${l.p99.toFixed(1).padStart(6)} ms   max ${l.max.toFixed(1).padStart(6)} ms` +
    `${l.missed > 0 ? `   ${l.missed} unseen after 10 s` : ''}   (goal <= 250 ms)`;
  console.log(
    `Freshness: from a delivery's 2xx to a search and the counts showing it, under the ingest load (${f.samples} samples, ${stored.toLocaleString('en')} stored before)`,
  );
  console.log(row('  load (1 KiB JSON, unique words)', f.load));
  console.log(`  search finds its word              ${lag(f.search)}`);
  console.log(`  its inbox's count includes it      ${lag(f.counts)}\n`);
}

/** Figures `node dist/bench/run.js <name>…` can run alone, in the order a full run prints them. */
const FIGURES: Record<string, () => Promise<void>> = { ingest, freshness, tunnel, verdicts, dispatch, ui: firstRow, body, scale };

/** `npm run bench`: every figure is a ratio against a baseline measured in this same run. */
async function main() {
  console.log(`Hookbench benchmarks (${durationMs} ms per round, best of 2 alternating rounds)\n`);
  // `node dist/bench/run.js ingest dispatch` runs only those figures; `queue` or `localtunnel` only that part of `tunnel`.
  const asked = process.argv.slice(2);
  if (asked.includes('queue')) return relayQueue();
  if (asked.includes('localtunnel')) return localtunnel();
  const unknown = asked.filter((name) => !(name in FIGURES));
  if (unknown.length > 0)
    throw new Error(`No figure ${unknown.join(', ')}; choose from ${Object.keys(FIGURES).join(', ')}, queue, localtunnel.`);
  for (const [name, run] of Object.entries(FIGURES)) if (asked.length === 0 || asked.includes(name)) await run();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
