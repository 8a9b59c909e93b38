import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { straceUnavailable, startServeUnderStrace, type TracedServe } from '../support/strace.js';
import { acknowledgements, walFlushes } from '../support/syscall-log.js';
import { tempDir } from '../support/temp-dir.js';

const unavailable = straceUnavailable();
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Posts a body carrying a unique marker; returns the delivery id of a 2xx (null otherwise) and the marker. */
async function postMarked(httpUrl: string, n: number): Promise<{ status: number; id: string | null; marker: string }> {
  const marker = `mark-${n}-${randomBytes(6).toString('hex')}`;
  const res = await fetch(`${httpUrl}/flush-wait/${n}`, { method: 'POST', body: JSON.stringify({ marker }) });
  const body = await res.json();
  return { status: res.status, id: res.ok ? body.id : null, marker };
}

describe('the answer waits for the flush (strace fault injection on the real serve)', () => {
  it('writes every 2xx only after an fdatasync of the WAL that began after its commit has returned', async (ctx) => {
    if (unavailable) return ctx.skip(unavailable);
    const work = tempDir();
    cleanups.push(work.remove);
    // Every flush is held 150 ms on entry: an answer written without waiting for it would come first in the log.
    const serve: TracedServe = await startServeUnderStrace(work.path, {
      trace: ['openat', 'close', 'pwrite64', 'fdatasync', 'write', 'writev'],
      inject: 'fdatasync:delay_enter=150000',
    });
    cleanups.push(() => serve.stop());

    const answers = [];
    for (let n = 0; n < 3; n++) answers.push(await postMarked(serve.urls.httpUrl, n));
    // A burst: several commits share flushes, and batches commit while the last one flushes.
    answers.push(...(await Promise.all(Array.from({ length: 12 }, (_, i) => postMarked(serve.urls.httpUrl, 100 + i)))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(await serve.stop()).toBe(0);

    const log = serve.log();
    const walPath = join(serve.dataDir, 'hookbench.sqlite-wal');
    const markers = new Map(answers.map((a) => [a.id!, a.marker]));
    const acks = acknowledgements(log, serve.pid, walPath, markers);
    expect(acks.map((a) => a.id).sort()).toEqual([...markers.keys()].sort());
    for (const ack of acks) expect(ack.coveringFlush, `flush covering ${ack.id}`).not.toBeNull();
    // The injection really held the flushes (a log without it would prove nothing about waiting).
    const flushes = walFlushes(log, walPath);
    expect(flushes.length).toBeGreaterThan(0);
    expect(flushes.every((flush) => flush.result?.includes('DELAYED'))).toBe(true);
  }, 60_000);
});
