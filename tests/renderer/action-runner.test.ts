import { describe, expect, it } from 'vitest';
import { ActionRunner } from '../../renderer/src/model/common/action-runner.js';

describe('ActionRunner', () => {
  it('is busy while the action runs, then idle with its result', async () => {
    const runner = new ActionRunner();
    const seen: boolean[] = [];
    runner.subscribe(() => seen.push(runner.getSnapshot().busy));
    let finish!: (value: string) => void;
    const running = runner.run(() => new Promise<string>((resolve) => (finish = resolve)));
    expect(runner.getSnapshot()).toEqual({ busy: true, error: null });
    finish('done');
    expect(await running).toBe('done');
    expect(runner.getSnapshot()).toEqual({ busy: false, error: null });
    expect(seen).toEqual([true, false]);
  });

  it('keeps the failure as a sentence until the next run or clearError', async () => {
    const runner = new ActionRunner();
    expect(await runner.run(() => Promise.reject(new Error('The engine is busy.')))).toBeUndefined();
    expect(runner.getSnapshot()).toEqual({ busy: false, error: 'The engine is busy.' });
    runner.clearError();
    expect(runner.getSnapshot().error).toBeNull();
    await runner.run(() => Promise.reject(new Error('again')));
    await runner.run(() => Promise.resolve(1));
    expect(runner.getSnapshot().error).toBeNull();
  });

  it('does not start a second run while one is under way', async () => {
    const runner = new ActionRunner();
    let calls = 0;
    let finish!: () => void;
    const first = runner.run(() => new Promise<void>((resolve) => ((calls += 1), (finish = resolve))));
    expect(await runner.run(() => Promise.resolve((calls += 1)))).toBeUndefined();
    finish();
    await first;
    expect(calls).toBe(1);
  });
});
