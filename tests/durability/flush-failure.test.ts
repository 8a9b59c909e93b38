import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBody } from '../../shared/api/body-codec.js';
import { startServe } from '../support/serve-process.js';
import { straceUnavailable, startServeUnderStrace } from '../support/strace.js';
import { acknowledgements, walFlushes } from '../support/syscall-log.js';
import { tempDir } from '../support/temp-dir.js';

const unavailable = straceUnavailable();
const TRACE = ['openat', 'close', 'pwrite64', 'fdatasync', 'write', 'writev'];
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Sent {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, asserted on by the tests
  body: any;
  marker: string;
}

async function postMarked(httpUrl: string, n: number): Promise<Sent> {
  const marker = `mark-${n}-${randomBytes(6).toString('hex')}`;
  const res = await fetch(`${httpUrl}/flush-failure/${n}`, { method: 'POST', body: JSON.stringify({ marker }) });
  return { status: res.status, body: await res.json(), marker };
}

function api(apiUrl: string, token: string) {
  return (path: string, init: RequestInit = {}) =>
    fetch(`${apiUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
    });
}

describe('a failed WAL flush (strace fault injection on the real serve)', () => {
  it('answers 503 to its batch and to every later write, never retries the flush, keeps serving reads, and a restart recovers', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const work = tempDir();
    cleanups.push(work.remove);
    // The third flush fails with EIO; the ones after it would succeed, so only the engine's own rule keeps them refused.
    const serve = await startServeUnderStrace(work.path, { trace: TRACE, inject: 'fdatasync:error=EIO:when=3' });
    cleanups.push(() => serve.stop());
    const call = api(serve.urls.apiUrl, serve.token);

    const sent: Sent[] = [];
    for (let n = 1; n <= 5; n++) sent.push(await postMarked(serve.urls.httpUrl, n));
    expect(sent.map((s) => s.status)).toEqual([200, 200, 503, 503, 503]);
    for (const refused of sent.slice(2)) expect(refused.body.error).toBe('not_stored');
    expect(sent[4].body.message).toMatch(/restart Hookbench/);

    const health = await (await call('/health')).json();
    expect(health.ok).toBe(false);
    expect(health.storage).toMatchObject({ state: 'broken', message: expect.stringMatching(/EIO.*restart Hookbench/s) });
    // Reads keep working: the two acknowledged deliveries are listed.
    const listed = await (await call('/deliveries')).json();
    expect(listed.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([sent[0].body.id, sent[1].body.id]));
    // Every other write is refused too, with the same reason.
    const inbox = await call('/inboxes', { method: 'POST', body: JSON.stringify({ name: 'After the failure' }) });
    expect(inbox.status).toBe(503);
    expect(await inbox.json()).toMatchObject({ error: 'not_stored', message: expect.stringMatching(/restart Hookbench/) });
    expect(await serve.stop()).toBe(0);

    const log = serve.log();
    const walPath = join(serve.dataDir, 'hookbench.sqlite-wal');
    const flushes = walFlushes(log, walPath);
    // Never retried: the failed flush is the last one the engine ever made.
    expect(flushes.map((f) => f.result)).toEqual(['0', '0', expect.stringMatching(/^-1 EIO .*INJECTED/)]);
    const acks = acknowledgements(log, serve.pid, walPath, new Map(sent.slice(0, 2).map((s) => [s.body.id, s.marker])));
    expect(acks).toHaveLength(2);
    for (const ack of acks) expect(ack.coveringFlush).not.toBeNull();

    // A restart re-reads the store from disk: what was acknowledged is there, byte for byte, and writes work again.
    const restarted = await startServe(serve.dataDir);
    cleanups.push(() => {
      restarted.child.kill('SIGTERM');
      return restarted.exited;
    });
    const again = api(restarted.urls.apiUrl, new URL(restarted.urls.uiUrl).hash.replace('#token=', ''));
    for (const acked of sent.slice(0, 2)) {
      const record = await (await again(`/deliveries/${acked.body.id}`)).json();
      expect(decodeBody(record.body).toString()).toBe(JSON.stringify({ marker: acked.marker }));
    }
    expect((await postMarked(restarted.urls.httpUrl, 6)).status).toBe(200);
    expect((await (await again('/health')).json()).storage.state).toBe('ok');
  }, 60_000);

  it('gives no 2xx to any request of a burst whose flush failed', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const work = tempDir();
    cleanups.push(work.remove);
    const serve = await startServeUnderStrace(work.path, { trace: TRACE, inject: 'fdatasync:error=EIO:when=2' });
    cleanups.push(() => serve.stop());

    const first = await postMarked(serve.urls.httpUrl, 0);
    expect(first.status).toBe(200);
    // The burst commits in batches; the first batch's flush fails, and every batch after it waits for a flush that never comes.
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => postMarked(serve.urls.httpUrl, 100 + i)));
    expect(burst.map((s) => s.status)).toEqual(burst.map(() => 503));
    expect(new Set(burst.map((s) => s.body.error))).toEqual(new Set(['not_stored']));
    expect(await serve.stop()).toBe(0);

    const walPath = join(serve.dataDir, 'hookbench.sqlite-wal');
    const acks = acknowledgements(serve.log(), serve.pid, walPath, new Map([[first.body.id, first.marker]]));
    expect(acks.map((a) => a.id)).toEqual([first.body.id]);
    expect(walFlushes(serve.log(), walPath)).toHaveLength(2);
  }, 60_000);
});
