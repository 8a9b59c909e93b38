import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalSync } from '../../../electron/engine/store/wal-sync.js';
import { openStore } from '../../../electron/engine/store/store.js';
import { tempDir } from '../../support/temp-dir.js';

const dirs: Array<{ path: string; remove: () => void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
function dir() {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

describe('WAL flush', () => {
  it('flushes the file, and follows it when it is replaced by a new one', async () => {
    const path = join(dir(), 'x-wal');
    writeFileSync(path, 'one');
    const sync = new WalSync(path);
    await sync.flush();
    renameSync(path, path + '.old');
    writeFileSync(path, 'two');
    await expect(sync.flush()).resolves.toBeUndefined();
    sync.close();
  });

  it('fails loudly when the WAL is missing, so nothing is acknowledged', async () => {
    const sync = new WalSync(join(dir(), 'missing-wal'));
    await expect(sync.flush()).rejects.toThrow();
  });

  // fdatasync on /dev/null fails (EINVAL): a real failed flush without a failing disk.
  it.skipIf(process.platform !== 'linux')(
    'never flushes again after a failed flush: every later flush fails with the same error',
    async () => {
      const failures: Error[] = [];
      const sync = new WalSync('/dev/null', (error) => failures.push(error));
      const first = await sync.flush().catch((error: Error) => error);
      expect(first).toMatchObject({ code: 'EINVAL', syscall: 'fdatasync' });
      // The same error object: no second fdatasync was made.
      await expect(sync.flush()).rejects.toBe(first);
      await expect(sync.flushCovering()).rejects.toBe(first);
      expect(failures).toEqual([first]);
      sync.close();
    },
  );

  it.skipIf(process.platform !== 'linux')(
    'stays failed when the file would flush again (the failed writes are not coming back)',
    async () => {
      const path = join(dir(), 'recovering-wal');
      symlinkSync('/dev/null', path);
      const sync = new WalSync(path);
      const first = await sync.flush().catch((error: Error) => error);
      expect(first).toMatchObject({ code: 'EINVAL' });
      // The disk "recovers": the path is now a regular file that fdatasync accepts.
      writeFileSync(`${path}.new`, 'x');
      renameSync(`${path}.new`, path);
      await expect(new WalSync(path).flush()).resolves.toBeUndefined();
      await expect(sync.flush()).rejects.toBe(first);
      sync.close();
    },
  );

  it.skipIf(process.platform !== 'linux')('flushes the file now at the path, not one it replaced', async () => {
    const path = join(dir(), 'replaced-wal');
    writeFileSync(path, 'x');
    const sync = new WalSync(path);
    await sync.flush();
    // Replaced by something that cannot be flushed: the flush must reach it, and fail, rather than flush the old file.
    renameSync(path, `${path}.old`);
    symlinkSync('/dev/null', path);
    await expect(sync.flush()).rejects.toMatchObject({ code: 'EINVAL' });
    sync.close();
  });

  it.skipIf(process.platform !== 'linux')('fails every caller sharing a flush that failed, and the one queued behind it', async () => {
    const sync = new WalSync('/dev/null');
    const callers = [sync.flushCovering(), sync.flushCovering(), sync.flushCovering()];
    const results = await Promise.allSettled(callers);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    sync.close();
  });

  it('leaves the store on synchronous=FULL between delivery batches', async () => {
    const store = openStore(dir());
    const inbox = await store.inboxes.ensureDefault();
    await store.commitDelivery({
      id: 'dlv_test',
      direction: 'in',
      inboxId: inbox.id,
      integrationId: null,
      method: 'POST',
      path: '/',
      headers: [],
      body: Buffer.from('x'),
      contentType: null,
      jsonState: null,
      remoteAddress: null,
      tls: false,
      via: 'direct',
      receivedAt: Date.now(),
      response: null,
      event: null,
      deliveryId: null,
      signature: null,
      schema: null,
      replayOf: null,
    });
    expect(store.deliveries.get('dlv_test')?.body.data).toBe('x');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });
});

describe('shared WAL flushes', () => {
  it('runs one flush at a time and lets every caller during a flush share the next one', async () => {
    const path = join(dir(), 'shared-wal');
    writeFileSync(path, 'x');
    const sync = new WalSync(path);
    let started = 0;
    const original = sync.flush.bind(sync);
    sync.flush = () => {
      started += 1;
      return original();
    };
    const first = sync.flushCovering();
    const during = [sync.flushCovering(), sync.flushCovering(), sync.flushCovering()];
    expect(during[0]).toBe(during[1]);
    await Promise.all([first, ...during]);
    expect(started).toBe(2);
    await sync.flushCovering();
    expect(started).toBe(3);
    sync.close();
  });
});
