import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageCondition } from '../../../electron/engine/store/storage-condition.js';
import { openStore, type Store } from '../../../electron/engine/store/store.js';
import { WalSync } from '../../../electron/engine/store/wal-sync.js';
import { WriteQueue } from '../../../electron/engine/store/write-queue.js';
import { tempDir } from '../../support/temp-dir.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function store(): Store {
  const dir = tempDir();
  const opened = openStore(dir.path);
  opened.db.exec('CREATE TABLE notes (text TEXT)');
  cleanups.push(dir.remove, () => opened.close());
  return opened;
}

/** A flush that always fails for real: fdatasync on /dev/null answers EINVAL. */
const failingFlush = () => new WalSync('/dev/null');

const insert = (s: Store, text: string) => () => s.db.prepare('INSERT INTO notes VALUES (?)').run(text).changes;
const notes = (s: Store) => (s.db.prepare('SELECT text FROM notes ORDER BY rowid').all() as { text: string }[]).map((row) => row.text);

describe('the write queue', () => {
  it('settles a durable write only after the flush, and a lazy one after the commit', async () => {
    const s = store();
    const writer = new WriteQueue(s.db, failingFlush(), new StorageCondition());
    // In one batch: the lazy write is committed and done; the durable one cannot be promised on disk.
    const [plain, durable] = await Promise.allSettled([
      writer.write('lazy', insert(s, 'lazy')),
      writer.write('durable', insert(s, 'durable')),
    ]);
    expect(plain).toEqual({ status: 'fulfilled', value: 1 });
    expect(durable).toMatchObject({ status: 'rejected', reason: { code: 'not_stored', status: 503 } });
    await expect(writer.write('durable', insert(s, 'alone'))).rejects.toMatchObject({ code: 'not_stored' });
    await expect(writer.write('lazy', insert(s, 'lazy again'))).resolves.toBe(1);
  });

  it('resolves durable writes made while a flush runs with the next flush', async () => {
    const s = store();
    const wal = join(s.db.name, '..', 'hookbench.sqlite-wal');
    const writer = new WriteQueue(s.db, new WalSync(wal), new StorageCondition());
    const first = writer.write('durable', insert(s, 'first'));
    await new Promise((resolve) => setImmediate(resolve));
    const during = [writer.write('durable', insert(s, 'second')), writer.write('durable', insert(s, 'third'))];
    await expect(Promise.all([first, ...during])).resolves.toEqual([1, 1, 1]);
    expect(notes(s)).toEqual(['first', 'second', 'third']);
  });

  it('rolls a batch back whole; a bug comes back as itself, a full disk as 503 not_stored', async () => {
    const s = store();
    const condition = new StorageCondition();
    const writer = new WriteQueue(s.db, failingFlush(), condition);
    const bug = new TypeError('a bug in a closure');
    const results = await Promise.allSettled([
      writer.write('lazy', insert(s, 'rolled back')),
      writer.write('lazy', () => {
        throw bug;
      }),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.value))).toEqual([bug, bug]);
    expect(notes(s)).toEqual([]);
    expect(condition.status().state).toBe('ok');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2);

    s.db.pragma(`max_page_count = ${Number(s.db.pragma('page_count', { simple: true }))}`);
    const big = 'x'.repeat(100_000);
    await expect(writer.write('lazy', insert(s, big))).rejects.toMatchObject({
      code: 'not_stored',
      message: expect.stringMatching(/Storage is full/),
    });
    expect(condition.status().state).toBe('full');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2);
    s.db.pragma('max_page_count = 1000000');
    await expect(writer.write('lazy', insert(s, big))).resolves.toBe(1);
    expect(condition.status().state).toBe('ok');
  });

  it('refuses everything, without running it, once the store is broken', async () => {
    const s = store();
    const writer = new WriteQueue(s.db, failingFlush(), s.condition);
    s.condition.note({ kind: 'flush_failed', error: new Error('EIO: i/o error, fdatasync') });
    let ran = false;
    const read = writer.write('lazy', () => {
      ran = true;
      return 0;
    });
    await expect(read).rejects.toMatchObject({ code: 'not_stored', message: expect.stringMatching(/restart Hookbench/) });
    expect(ran).toBe(false);
  });

  it('commits what is queued when flushed, in the same turn', async () => {
    const s = store();
    const writer = new WriteQueue(s.db, new WalSync(join(s.db.name, '..', 'hookbench.sqlite-wal')), new StorageCondition());
    const queued = writer.write('lazy', insert(s, 'at shutdown'));
    await writer.flush();
    expect(notes(s)).toEqual(['at shutdown']);
    await queued;
  });
});

// Keeps the helper honest: a regular file flushes fine, so the failures above come from /dev/null.
it('flushes a regular file', async () => {
  const dir = tempDir();
  cleanups.push(dir.remove);
  writeFileSync(join(dir.path, 'x'), 'x');
  await expect(new WalSync(join(dir.path, 'x')).flush()).resolves.toBeUndefined();
});
