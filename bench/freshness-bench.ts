import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryList } from '../shared/api/deliveries.js';
import type { Inbox } from '../shared/api/inboxes.js';
import { runLoad, type LoadResult } from './load.js';
import { startHookbenchApi } from './processes.js';
import { seedDeliveries } from './seed.js';

const TOKEN = 'freshness-bench-token-0123456789ab';
const CONNECTIONS = 50;
/** One acknowledged request in this many milliseconds of load is followed until search and counts show it. */
const SAMPLE_EVERY_MS = 40;
/** The load generator's own warm-up (runLoad's default): acks before it ends are not sampled. */
const WARMUP_MS = 500;
/** A sample still unseen after this long counts as missed (it would be far past the goal). */
const GIVE_UP_MS = 10_000;

export interface Lag {
  p50: number;
  p99: number;
  max: number;
  missed: number;
}

export interface FreshnessFigures {
  load: LoadResult;
  samples: number;
  search: Lag;
  counts: Lag;
}

/** A 1 KiB JSON body holding `word` as a word of its own, so a search for it finds this delivery only. */
function oneKibJsonWith(word: string): Buffer {
  const base = { type: 'order.paid', id: 'evt_123', created: 1709064000, data: { note: `${word} ` } };
  const size = Buffer.byteLength(JSON.stringify(base));
  base.data.note += 'x'.repeat(Math.max(0, 1024 - size));
  return Buffer.from(JSON.stringify(base));
}

function lagOf(times: number[]): Lag {
  const seen = times.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (p: number) => seen[Math.min(seen.length - 1, Math.floor(p * seen.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: seen[seen.length - 1] ?? NaN, missed: times.length - seen.length };
}

/** Asks until `seen()` is true; the time from `ackedAt` to the answer that showed it. */
async function msUntil(ackedAt: number, seen: () => Promise<boolean>): Promise<number> {
  while (performance.now() - ackedAt < GIVE_UP_MS) {
    if (await seen()) return performance.now() - ackedAt;
  }
  return Infinity;
}

/**
 * How soon derived data shows an acknowledged delivery under the ingest load: 50 connections post
 * 1 KiB JSON bodies, each with a word of its own; every SAMPLE_EVERY_MS one of them goes to an inbox
 * of its own, and from its 2xx the bench asks the API, as the UI does, until a search for its word
 * finds it and until its inbox's delivery_count includes it. With `storedRows`, the store holds
 * that many seeded deliveries first (a big search index merges bigger segments).
 */
export async function freshnessBenchmark(durationMs: number, storedRows = 0): Promise<FreshnessFigures> {
  const dataDir = storedRows > 0 ? await seedDeliveries(storedRows) : mkdtempSync(join(tmpdir(), 'hookbench-fresh-'));
  const engine = await startHookbenchApi(dataDir, TOKEN);
  try {
    const sampleCount = Math.ceil(durationMs / SAMPLE_EVERY_MS);
    const slugs: string[] = [];
    for (let i = 0; i < sampleCount; i++) {
      slugs.push(`fresh-${i}`);
      await engine.post('/api/inboxes', { name: `Fresh ${i}`, slug: `fresh-${i}` });
    }
    const searchMs: number[] = [];
    const countsMs: number[] = [];
    const probes: Promise<void>[] = [];
    const follow = (word: string, slug: string, ackedAt: number) => {
      const search = msUntil(ackedAt, async () => {
        const list = (await engine.get(`/api/deliveries?limit=1&q=${word}`)) as DeliveryList;
        return list.items.length > 0;
      });
      const counts = msUntil(ackedAt, async () => {
        const inboxes = (await engine.get('/api/inboxes')) as { items: Inbox[] };
        return (inboxes.items.find((inbox) => inbox.slug === slug)?.delivery_count ?? 0) >= 1;
      });
      probes.push(
        Promise.all([search, counts]).then(([s, c]) => {
          searchMs.push(s);
          countsMs.push(c);
        }),
      );
    };

    const run = Math.random().toString(36).slice(2, 8);
    let sent = 0;
    const sampleFrom = performance.now() + WARMUP_MS;
    let nextSampleAt = sampleFrom;
    const load = await runLoad(
      `${engine.receiver}/`,
      () => {
        const word = `fresh${run}n${(sent++).toString(36)}`;
        const body = oneKibJsonWith(word);
        const now = performance.now();
        if (now < nextSampleAt || slugs.length === 0) return { path: '/', body };
        nextSampleAt = now + SAMPLE_EVERY_MS;
        const slug = slugs.shift()!;
        return { path: `/i/${slug}/`, body, acked: (at) => follow(word, slug, at) };
      },
      CONNECTIONS,
      durationMs,
      {},
      WARMUP_MS,
    );
    await Promise.all(probes);
    return { load, samples: searchMs.length, search: lagOf(searchMs), counts: lagOf(countsMs) };
  } finally {
    await engine.stop();
  }
}
