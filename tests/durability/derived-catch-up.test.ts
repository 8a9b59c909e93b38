import Database from 'better-sqlite3';
import http from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { tempDir } from '../support/temp-dir.js';

const WORD = 'wombat';
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const started = await startServe(dataDir, [], env);
  cleanups.push(() => {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    return started.exited;
  });
  return started;
}

async function killed(started: ServeProcess): Promise<void> {
  started.child.kill('SIGKILL');
  expect((await started.exited).signal).toBe('SIGKILL');
}

function api(started: ServeProcess) {
  const token = new URL(started.urls.uiUrl).hash.replace('#token=', '');
  return async <T = unknown>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${started.urls.apiUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${token}` } });
    expect(res.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(300);
    return (await res.json()) as T;
  };
}

/** Sends `count` deliveries carrying WORD from a few keep-alive connections; returns the id of each 2xx. */
async function send(started: ServeProcess, count: number, tag: string): Promise<string[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const url = new URL(started.urls.httpUrl);
  const post = (n: number) =>
    new Promise<string>((resolve, reject) => {
      const req = http.request({ agent, host: url.hostname, port: url.port, method: 'POST', path: `/${tag}/${n}` }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString()).id) : reject(new Error(`${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end(JSON.stringify({ note: `${WORD} ${tag} ${n}` }));
    });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 50)
    ids.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => post(i + j)))));
  agent.destroy();
  return ids;
}

/** Every id a search for WORD lists, page by page. */
async function searched(call: ReturnType<typeof api>): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor: string | null = null; ;) {
    const path: string = `/deliveries?q=${WORD}&limit=200${cursor ? `&before=${cursor}` : ''}`;
    const page = await call<{ items: { id: string }[]; next: string | null }>(path);
    ids.push(...page.items.map((d) => d.id));
    cursor = page.next;
    if (!cursor) return ids;
  }
}

/** The derived tables as the file holds them, read beside (or after) the engine. */
function derivedOnDisk(dataDir: string) {
  const db = new Database(join(dataDir, 'hookbench.sqlite'), { readonly: true });
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      watermark: one('SELECT seq FROM derived_progress'),
      newest: one('SELECT max(seq) FROM deliveries'),
      deliveries: one('SELECT count(*) FROM deliveries'),
      indexed: one('SELECT count(*) FROM delivery_search_docsize'),
      counted: one('SELECT sum(n) FROM delivery_counts'),
      rolledUp: one('SELECT sum(n) FROM delivery_rollup'),
      removalsQueued: one('SELECT count(*) FROM search_removals'),
    };
  } finally {
    db.close();
  }
}

describe('derived data after kill -9 between the acknowledgement and the catch-up', () => {
  it('catches up from the watermark on start: search, counts and the rollup hold every acknowledged delivery once, and no deleted one', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);

    // 1. Derived data up to date, then a crash.
    const first = await serve(dir.path);
    const early = await send(first, 10, 'early');
    expect((await searched(api(first))).sort()).toEqual([...early].sort());
    await killed(first);
    const derivedAtFirst = derivedOnDisk(dir.path);
    expect(derivedAtFirst.watermark).toBe(derivedAtFirst.newest);

    // 2. Acknowledged and deleted while derived data never runs, then a crash: nothing of it was derived.
    const second = await serve(dir.path, { HOOKBENCH_TEST_DERIVE_STEPS: '0' });
    const late = await send(second, 600, 'late');
    const call = api(second);
    const deleted = [early[0], early[1], late[0], late[599]];
    for (const id of deleted) await call(`/deliveries/${id}`, { method: 'DELETE' });
    const kept = [...early, ...late].filter((id) => !deleted.includes(id));
    // Counts read the deliveries past the watermark from their rows: exact before any catch-up.
    expect((await call<{ deliveries: number }>('/health')).deliveries).toBe(kept.length);
    await killed(second);
    const beforeCatchUp = derivedOnDisk(dir.path);
    expect(beforeCatchUp).toMatchObject({ watermark: derivedAtFirst.watermark, deliveries: kept.length, removalsQueued: 2 });
    expect(beforeCatchUp.indexed).toBe(10);

    // 3. A start that catches up one step and crashes in the middle of the catch-up.
    const third = await serve(dir.path, { HOOKBENCH_TEST_DERIVE_STEPS: '1' });
    await expect.poll(() => derivedOnDisk(dir.path).watermark, { timeout: 10_000 }).toBeGreaterThan(beforeCatchUp.watermark);
    await killed(third);
    const midway = derivedOnDisk(dir.path);
    expect(midway.watermark).toBeLessThan(midway.newest);
    expect(midway.removalsQueued).toBe(0);

    // 4. A normal start: everything acknowledged is found once, nothing deleted is, and every count agrees.
    const fourth = await serve(dir.path);
    // On start, before anything reads or writes: the catch-up runs by itself.
    await expect.poll(() => derivedOnDisk(dir.path).watermark, { timeout: 10_000 }).toBe(midway.newest);
    const again = api(fourth);
    const found = await searched(again);
    expect(found).toHaveLength(new Set(found).size);
    expect(found.sort()).toEqual([...kept].sort());
    expect((await again<{ deliveries: number }>('/health')).deliveries).toBe(kept.length);
    expect((await again<{ delivery_count: number }>('/inboxes/default')).delivery_count).toBe(kept.length);
    const rate = await again<{ total: number }>(`/insight/rate?bucket=hour&since=${new Date(Date.now() - 3_600_000).toISOString()}`);
    expect(rate.total).toBe(kept.length);
    fourth.child.kill('SIGTERM');
    expect((await fourth.exited).code).toBe(0);
    expect(derivedOnDisk(dir.path)).toEqual({
      watermark: midway.newest,
      newest: midway.newest,
      deliveries: kept.length,
      indexed: kept.length,
      counted: kept.length,
      rolledUp: kept.length,
      removalsQueued: 0,
    });
  }, 120_000);
});
