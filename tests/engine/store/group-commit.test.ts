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
});
