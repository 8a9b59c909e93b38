import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResponsePlan } from '../../../electron/engine/inbound/captured-request.js';
import { actOut, type ActStage } from '../../../electron/engine/inbound/failure-actor.js';

/** A stage that records what the actor asks of it; `credit` caps what each body write may take. */
function recordingStage(credit = Infinity) {
  const calls: string[] = [];
  let gone = false;
  let listener: (() => void) | null = null;
  const leave = () => {
    if (gone) return;
    gone = true;
    calls.push('gone');
    listener?.();
  };
  const stage: ActStage = {
    gone: () => gone,
    onGone: (l) => {
      listener = l;
    },
    reset: () => {
      calls.push('reset');
      leave();
    },
    hold: () => void calls.push('hold'),
    closeUnanswered: () => {
      calls.push('close');
      leave();
    },
    writeHead: (plan) => void calls.push(`head ${plan.status}`),
    writeBody: (chunk, last) => {
      const taken = Math.min(chunk.byteLength, credit);
      calls.push(`body ${chunk.subarray(0, taken).toString()}${last && taken === chunk.byteLength ? ' (last)' : ''}`);
      return taken;
    },
    end: () => {
      calls.push('end');
      leave();
    },
  };
  return { stage, calls, leave };
}

const plan = (body: string): ResponsePlan => ({ status: 200, headers: [['Content-Length', String(body.length)]], body: Buffer.from(body) });

describe('the failure actor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('cuts the connection for a reset', async () => {
    const { stage, calls } = recordingStage();
    await actOut(stage, plan('x'), { type: 'reset' });
    expect(calls).toEqual(['reset', 'gone']);
  });

  it('holds a hang unanswered until its time limit closes it', async () => {
    const { stage, calls } = recordingStage();
    const over = actOut(stage, plan('x'), { type: 'hang', ms: 5_000 });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toEqual(['hold']);
    await vi.advanceTimersByTimeAsync(1);
    await over;
    expect(calls).toEqual(['hold', 'close', 'gone']);
  });

  it('ends a hang without a limit only when the sender leaves', async () => {
    const { stage, calls, leave } = recordingStage();
    const over = actOut(stage, plan('x'), { type: 'hang' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['hold']);
    leave();
    await over;
  });

  it('trickles the head at once, then a slice per tick, and ends after the last one', async () => {
    const { stage, calls } = recordingStage();
    // 20 bytes a second: a tick every 100 ms carries 2 bytes.
    const over = actOut(stage, plan('abcde'), { type: 'trickle', bytesPerSecond: 20 });
    expect(calls).toEqual(['head 200', 'body ab']);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toEqual(['head 200', 'body ab', 'body cd']);
    await vi.advanceTimersByTimeAsync(100);
    await over;
    expect(calls).toEqual(['head 200', 'body ab', 'body cd', 'body e (last)', 'end', 'gone']);
  });

  it('sends what flow control takes and the rest on later ticks, marking only the true end as last', async () => {
    const { stage, calls } = recordingStage(1);
    const over = actOut(stage, plan('abc'), { type: 'trickle', bytesPerSecond: 20 });
    await vi.advanceTimersByTimeAsync(300);
    await over;
    expect(calls).toEqual(['head 200', 'body a', 'body b', 'body c (last)', 'end', 'gone']);
  });

  it('stops trickling when the sender leaves', async () => {
    const { stage, calls, leave } = recordingStage();
    const over = actOut(stage, plan('abcdef'), { type: 'trickle', bytesPerSecond: 20 });
    leave();
    await over;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual(['head 200', 'body ab', 'gone']);
  });

  it('does nothing on a connection that is already gone', async () => {
    const { stage, calls, leave } = recordingStage();
    leave();
    await actOut(stage, plan('x'), { type: 'reset' });
    expect(calls).toEqual(['gone']);
  });

  it('answers an empty trickled body with the head and the end', async () => {
    const { stage, calls } = recordingStage();
    await actOut(stage, plan(''), { type: 'trickle', bytesPerSecond: 20 });
    expect(calls).toEqual(['head 200', 'end', 'gone']);
  });
});
