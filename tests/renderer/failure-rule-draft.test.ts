import { describe, expect, it } from 'vitest';
import type { FailureRule } from '../../shared/api/responses.js';
import {
  describeRule,
  draftFromRule,
  kindToken,
  parseSequence,
  ruleFromDraft,
} from '../../renderer/src/model/inboxes/failure-rule-draft.js';

describe('failure rule editor', () => {
  it('turns each mode and kind into the rule the API takes', () => {
    const draft = draftFromRule(null);
    expect(ruleFromDraft(draft)).toEqual({ ok: true, rule: null });
    expect(ruleFromDraft({ ...draft, mode: 'always', kind: 'status', status: '503' })).toEqual({
      ok: true,
      rule: { mode: 'always', kind: { type: 'status', status: 503 } },
    });
    expect(ruleFromDraft({ ...draft, mode: 'next', count: '3', kind: 'reset' })).toEqual({
      ok: true,
      rule: { mode: 'next', count: 3, kind: { type: 'reset' } },
    });
    expect(ruleFromDraft({ ...draft, mode: 'probability', percent: '12.5', kind: 'hang', hangMs: '' })).toEqual({
      ok: true,
      rule: { mode: 'probability', probability: 0.125, kind: { type: 'hang' } },
    });
    expect(ruleFromDraft({ ...draft, mode: 'always', kind: 'hang', hangMs: '1500' })).toMatchObject({
      rule: { kind: { type: 'hang', ms: 1500 } },
    });
    expect(ruleFromDraft({ ...draft, mode: 'always', kind: 'trickle', bytesPerSecond: '20' })).toMatchObject({
      rule: { kind: { type: 'trickle', bytes_per_second: 20 } },
    });
  });

  it('reads a sequence like "500,500,timeout,200" with the API shorthands and hang/trickle parameters', () => {
    expect(parseSequence('500,500,timeout,200')).toEqual({ ok: true, steps: ['500', '500', 'timeout', '200'] });
    expect(parseSequence(' 503 → reset  hang:1500, trickle:20 default ')).toEqual({
      ok: true,
      steps: ['503', 'reset', { type: 'hang', ms: 1500 }, { type: 'trickle', bytes_per_second: 20 }, 'default'],
    });
    expect(parseSequence('500, 600')).toEqual({ ok: false, error: expect.stringContaining('Step 2 ("600")') });
    expect(parseSequence('hang:0')).toEqual({ ok: false, error: expect.stringContaining('out of range') });
    expect(parseSequence(' , ')).toEqual({ ok: false, error: expect.stringContaining('at least one step') });
    const draft = { ...draftFromRule(null), mode: 'sequence' as const, sequence: '500, timeout', repeat: true };
    expect(ruleFromDraft(draft)).toEqual({ ok: true, rule: { mode: 'sequence', sequence: ['500', 'timeout'], repeat: true } });
  });

  it('names the field to fix instead of sending a bad rule', () => {
    const draft = draftFromRule(null);
    expect(ruleFromDraft({ ...draft, mode: 'always', kind: 'status', status: '99' })).toEqual({
      ok: false,
      error: 'The status must be a whole number from 200 to 599.',
    });
    expect(ruleFromDraft({ ...draft, mode: 'next', count: '0' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('number of requests'),
    });
    expect(ruleFromDraft({ ...draft, mode: 'probability', percent: '150' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('percentage'),
    });
    expect(ruleFromDraft({ ...draft, mode: 'always', kind: 'hang', hangMs: 'soon' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('hang time'),
    });
  });

  it('round-trips every saved rule through the editor', () => {
    const rules: FailureRule[] = [
      { mode: 'always', kind: { type: 'status', status: 500 } },
      { mode: 'next', count: 7, kind: { type: 'hang', ms: 2500 } },
      { mode: 'probability', probability: 0.2, kind: { type: 'trickle', bytes_per_second: 50 } },
      { mode: 'sequence', sequence: ['500', { type: 'hang', ms: 300 }, 'reset', 'default', { type: 'hang' }], repeat: false },
    ];
    for (const rule of rules) {
      const back = ruleFromDraft(draftFromRule(rule));
      expect(back.ok && back.rule).toEqual(
        rule.mode === 'sequence' ? { ...rule, sequence: ['500', { type: 'hang', ms: 300 }, 'reset', 'default', 'timeout'] } : rule,
      );
    }
  });

  it('says a rule in one sentence', () => {
    expect(describeRule({ mode: 'always', kind: { type: 'status', status: 500 } })).toBe('Every request: answer 500.');
    expect(describeRule({ mode: 'next', count: 1, kind: { type: 'reset' } })).toBe(
      'The next request: reset the connection; then the usual answer.',
    );
    expect(describeRule({ mode: 'probability', probability: 0.25, kind: { type: 'hang' } })).toBe(
      'Each request, with a 25% chance: hang until the sender gives up.',
    );
    expect(describeRule({ mode: 'sequence', sequence: ['500', 'hang', { type: 'trickle', bytes_per_second: 9 }], repeat: false })).toBe(
      'In turn: 500 → timeout → trickle:9, then the usual answer.',
    );
    expect(kindToken({ type: 'status', status: 418 })).toBe('418');
  });
});
