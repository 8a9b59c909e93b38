import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeRecord, type QueuedRequest } from '../../electron/relay/queue/queue-record.js';
import { TunnelQueue } from '../../electron/relay/queue/tunnel-queue.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function request(n: number, body = Buffer.from(`body ${n} \u00e9\u0000\u00ff`, 'latin1')): QueuedRequest {
  return {
    id: `rq_test${String(n).padStart(6, '0')}`,
    queuedAt: 1_700_000_000_000 + n,
    method: 'POST',
    target: `/i/shop/hook?n=${n}`,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Dup', 'a'],
      ['x-dup', 'b'],
    ],
    remoteAddress: '203.0.113.7',
    tls: true,
    body,
  };
}

function openQueue(dir: string, lines: string[] = [], limits: { maxBytes?: number; maxAgeMs?: number } = {}) {
  const queue = TunnelQueue.open({
    dir,
    id: 'acme',
    maxBytes: limits.maxBytes ?? 1024 * 1024,
    maxAgeMs: limits.maxAgeMs ?? 7 * 86_400_000,
    log: (line) => lines.push(line),
  });
  cleanups.push(() => queue.close());
  return queue;
}

function entries(queue: TunnelQueue) {
  const found = [];
  for (let entry = queue.next(0); entry; entry = queue.next(entry.seq)) found.push(entry);
  return found;
}

function scratch(): string {
  const dir = tempDir('hookbench-queue-');
  cleanups.push(dir.remove);
  return dir.path;
}

describe('a tunnel queue on disk', () => {
  it('keeps appended requests across a reopen, in order and byte for byte', async () => {
    const dir = scratch();
    const first = openQueue(dir);
    await Promise.all([1, 2, 3].map((n) => first.append(request(n))));
    await first.close();

    const again = openQueue(dir);
    const found = entries(again);
    expect(found.map((e) => e.id)).toEqual(['rq_test000001', 'rq_test000002', 'rq_test000003']);
    for (const [i, entry] of found.entries()) expect(await again.read(entry)).toEqual(request(i + 1));
  });

  it('writes the requests of one event-loop turn as one batch in one segment', async () => {
    const dir = scratch();
    const queue = openQueue(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => queue.append(request(i))));
    expect(queue.size).toBe(50);
    expect(readdirSync(dir).filter((name) => name.endsWith('.seg'))).toHaveLength(1);
  });

  it('cuts a torn tail off at start and keeps every whole record before it', async () => {
    const dir = scratch();
    const first = openQueue(dir);
    await first.append(request(1));
    await first.append(request(2));
    await first.close();
    const segment = join(
      dir,
      readdirSync(dir).find((name) => name.endsWith('.seg'))!,
    );
    const whole = statSync(segment).size;
    // A crash in the middle of writing the next record: its first half reached the disk.
    const torn = encodeRecord(request(3));
    appendFileSync(segment, torn.subarray(0, Math.floor(torn.byteLength / 2)));

    const lines: string[] = [];
    const again = openQueue(dir, lines);
    expect(entries(again).map((e) => e.id)).toEqual(['rq_test000001', 'rq_test000002']);
    expect(statSync(segment).size).toBe(whole);
    expect(lines.join('\n')).toMatch(/cut a torn tail of \d+ bytes off 00000001\.seg/);
    // Appends after the restart go on normally.
    await again.append(request(4));
    expect(entries(again).map((e) => e.id)).toEqual(['rq_test000001', 'rq_test000002', 'rq_test000004']);
  });

  it('cuts a record whose checksum does not match, as a torn write', async () => {
    const dir = scratch();
    const first = openQueue(dir);
    await first.append(request(1));
    await first.close();
    const segment = join(
      dir,
      readdirSync(dir).find((name) => name.endsWith('.seg'))!,
    );
    const bad = encodeRecord(request(2));
    bad[bad.byteLength - 1] ^= 0xff;
    appendFileSync(segment, bad);
    const again = openQueue(dir);
    expect(entries(again).map((e) => e.id)).toEqual(['rq_test000001']);
  });

  it('forgets what was acknowledged, across a reopen, and deletes its files once empty', async () => {
    const dir = scratch();
    const first = openQueue(dir);
    await Promise.all([1, 2, 3].map((n) => first.append(request(n))));
    first.done(entries(first)[1]);
    await first.close();

    const again = openQueue(dir);
    expect(entries(again).map((e) => e.id)).toEqual(['rq_test000001', 'rq_test000003']);
    for (const entry of entries(again)) again.done(entry);
    await again.close();
    expect(readdirSync(dir).filter((name) => name !== 'state.json')).toEqual([]);
    expect(entries(openQueue(dir))).toEqual([]);
  });

  it('refuses with queue_full past its byte limit and keeps everything it holds', async () => {
    const dir = scratch();
    const record = encodeRecord(request(1)).byteLength;
    const queue = openQueue(dir, [], { maxBytes: record * 2 + 10 });
    await queue.append(request(1));
    await queue.append(request(2));
    await expect(queue.append(request(3))).rejects.toMatchObject({ code: 'queue_full', status: 507 });
    expect(queue.size).toBe(2);
    expect(queue.takeCounters()).toEqual({ droppedExpired: 0, refusedFull: 1 });
    await queue.close();
    expect(entries(openQueue(dir)).map((e) => e.id)).toEqual(['rq_test000001', 'rq_test000002']);
  });

  it('drops entries past their age with a log line, counts them for the app, and skips ones with the app', async () => {
    const dir = scratch();
    const lines: string[] = [];
    const queue = openQueue(dir, lines, { maxAgeMs: 1000 });
    await Promise.all([1, 2, 3].map((n) => queue.append(request(n))));
    const [oldest] = entries(queue);
    oldest.inFlight = true;
    expect(queue.expire(1_700_000_000_000 + 1002)).toBe(1);
    expect(entries(queue).map((e) => e.id)).toEqual(['rq_test000003']);
    expect(lines.join('\n')).toMatch(/dropped 1 queued request older than 1000 ms \(oldest rq_test000002/);
    expect(queue.takeCounters()).toEqual({ droppedExpired: 1, refusedFull: 0 });
    expect(queue.takeCounters()).toEqual({ droppedExpired: 0, refusedFull: 0 });
  });

  it('keeps what the app was not told across a restart, and the switched-off mark', async () => {
    const dir = scratch();
    const first = openQueue(dir, [], { maxAgeMs: 1000 });
    await first.append(request(1));
    first.expire(Date.now() + 10_000_000_000_000);
    first.setOff(true);
    await first.close();
    const again = openQueue(dir);
    expect(again.off).toBe(true);
    expect(again.takeCounters()).toEqual({ droppedExpired: 1, refusedFull: 0 });
  });
});
