import { describe, expect, it } from 'vitest';
import { FailureRule } from '../../../shared/api/responses.js';
import { nextFailure, previewFailure, stepKind, type RuleState } from '../../../electron/engine/responses/next-response.js';

/** Runs the rule over `n` requests and names each decision. */
function run(rule: FailureRule | null, n: number, random: () => number = () => 0.5): string[] {
  let state: RuleState = { served: 0 };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const decided = nextFailure(rule, state, random);
    state = decided.state;
    const f = decided.failure;
    out.push(!f ? 'usual' : f.type === 'status' ? String(f.status) : f.type);
  }
  return out;
}

const reset = { type: 'reset' } as const;

describe('next response rule', () => {
  it('fails the next N requests, then answers as usual', () => {
    expect(run(FailureRule.parse({ mode: 'next', count: 2, kind: reset }), 4)).toEqual(['reset', 'reset', 'usual', 'usual']);
    expect(run(FailureRule.parse({ mode: 'next', kind: { type: 'status', status: 503 } }), 2)).toEqual(['503', 'usual']);
  });

  it('always fails, or never without a rule', () => {
    expect(run(FailureRule.parse({ mode: 'always', kind: { type: 'hang' } }), 3)).toEqual(['hang', 'hang', 'hang']);
    expect(run(null, 2)).toEqual(['usual', 'usual']);
  });

  it('fails with the given probability, by the random source', () => {
    const rolls = [0.1, 0.9, 0.29, 0.3];
    let i = 0;
    expect(run(FailureRule.parse({ mode: 'probability', probability: 0.3, kind: reset }), 4, () => rolls[i++])).toEqual([
      'reset',
      'usual',
      'reset',
      'usual',
    ]);
  });

  it('plays a sequence once, then answers as usual; with repeat it starts over', () => {
    const sequence = ['500', '500', 'timeout', '200'];
    expect(run(FailureRule.parse({ mode: 'sequence', sequence }), 6)).toEqual(['500', '500', 'hang', '200', 'usual', 'usual']);
    expect(run(FailureRule.parse({ mode: 'sequence', sequence, repeat: true }), 6)).toEqual(['500', '500', 'hang', '200', '500', '500']);
    expect(
      run(FailureRule.parse({ mode: 'sequence', sequence: ['reset', 'default', { type: 'trickle', bytes_per_second: 5 }] }), 3),
    ).toEqual(['reset', 'usual', 'trickle']);
  });

  it('reads the shorthand steps', () => {
    expect(stepKind('hang')).toEqual({ type: 'hang' });
    expect(stepKind('timeout')).toEqual({ type: 'hang' });
    expect(stepKind('404')).toEqual({ type: 'status', status: 404 });
    expect(stepKind('default')).toBeNull();
  });

  it('previews the next decision without taking it', () => {
    const rule = FailureRule.parse({ mode: 'sequence', sequence: ['500', 'default'] });
    expect(previewFailure(rule, { served: 0 })).toMatchObject({
      will: 'fail',
      failure: { type: 'status', status: 500 },
      step: 0,
      remaining: 2,
    });
    expect(previewFailure(rule, { served: 1 })).toMatchObject({ will: 'usual', failure: null, step: 1, remaining: 1 });
    expect(previewFailure(rule, { served: 2 })).toMatchObject({ will: 'usual', step: null, remaining: 0 });
    expect(previewFailure(FailureRule.parse({ mode: 'probability', probability: 0.25, kind: reset }), { served: 9 })).toMatchObject({
      will: 'maybe_fail',
      probability: 0.25,
    });
    expect(previewFailure(FailureRule.parse({ mode: 'next', count: 3, kind: reset }), { served: 1 })).toMatchObject({
      will: 'fail',
      remaining: 2,
    });
  });

  it('refuses malformed rules with a message that names the field', () => {
    const bad = FailureRule.safeParse({ mode: 'sequence', sequence: ['999'] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path.join('.')).toContain('sequence');
    expect(FailureRule.safeParse({ mode: 'probability', probability: 2, kind: reset }).success).toBe(false);
    expect(FailureRule.safeParse({ mode: 'always', kind: { type: 'status', status: 99 } }).success).toBe(false);
  });
});
