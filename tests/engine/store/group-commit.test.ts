import { describe, expect, it } from 'vitest';
import { GroupCommitter } from '../../../electron/engine/store/group-commit.js';

describe('group commit', () => {
  it('commits everything submitted in one event-loop turn as one batch', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number>((items) => {
      batches.push(items);
    });
    await Promise.all([committer.submit(1), committer.submit(2), committer.submit(3)]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('starts a new batch for writes submitted in a later turn', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number>((items) => {
      batches.push(items);
    });
    await committer.submit(1);
    await committer.submit(2);
    expect(batches).toEqual([[1], [2]]);
  });

  it('settles no promise before the batch is written', async () => {
    let written = false;
    const committer = new GroupCommitter<number>(() => {
      written = true;
    });
    const done = committer.submit(1).then(() => written);
    expect(written).toBe(false);
    expect(await done).toBe(true);
  });

  it('gathers writes that arrive during a running commit into the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const committer = new GroupCommitter<number>((items) => {
      batches.push(items);
      return batches.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : undefined;
    });
    const first = committer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [committer.submit(2), committer.submit(3)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('rejects every write of a batch whose commit failed', async () => {
    const committer = new GroupCommitter<number>(() => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([committer.submit(1), committer.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('on flush() during a running commit, waits for it before writing what is queued (never two commits at once)', async () => {
    const batches: number[][] = [];
    let running = 0;
    let overlapped = false;
    let release!: () => void;
    const committer = new GroupCommitter<number>(async (items) => {
      overlapped ||= running > 0;
      running += 1;
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      running -= 1;
    });
    const first = committer.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = committer.submit(2);
    const flushed = committer.flush();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, second, flushed]);
    expect(batches).toEqual([[1], [2]]);
    expect(overlapped).toBe(false);
  });

  it('writes nothing when flushed with nothing queued', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number>((items) => {
      batches.push(items);
    });
    await committer.flush();
    await committer.submit(1);
    await committer.flush();
    expect(batches).toEqual([[1]]);
  });
});
