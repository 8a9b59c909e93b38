import type { FailureKind, FailureRule, SequenceStep } from '../../../shared/api/responses.js';

/** A failure rule's state for one inbox: how many requests it has judged since it was set. */
export interface RuleState {
  served: number;
}

/** A sequence step as a failure kind; null for "default" (the usual answer). */
export function stepKind(step: SequenceStep): FailureKind | null {
  if (typeof step !== 'string') return step;
  if (step === 'default') return null;
  if (step === 'timeout' || step === 'hang') return { type: 'hang' };
  if (step === 'reset') return { type: 'reset' };
  return { type: 'status', status: Number(step) };
}

function sequenceIndex(rule: Extract<FailureRule, { mode: 'sequence' }>, served: number): number | null {
  if (served < rule.sequence.length) return served;
  return rule.repeat ? served % rule.sequence.length : null;
}

/**
 * The rule that picks the next response: the failure to act out for this request, or null for the
 * usual answer (forward-to, scripted response or the built-in 200). Pure: the caller keeps the state.
 */
export function nextFailure(
  rule: FailureRule | null,
  state: RuleState,
  random: () => number,
): { failure: FailureKind | null; state: RuleState } {
  if (!rule) return { failure: null, state };
  const next = { served: state.served + 1 };
  switch (rule.mode) {
    case 'always':
      return { failure: rule.kind, state: next };
    case 'next':
      return { failure: state.served < rule.count ? rule.kind : null, state: next };
    case 'probability':
      return { failure: random() < rule.probability ? rule.kind : null, state: next };
    case 'sequence': {
      const index = sequenceIndex(rule, state.served);
      return { failure: index === null ? null : stepKind(rule.sequence[index]), state: next };
    }
  }
}

export interface FailurePreview {
  will: 'usual' | 'fail' | 'maybe_fail';
  failure: FailureKind | null;
  probability: number | null;
  remaining: number | null;
  step: number | null;
}

/** What `nextFailure` will decide for the next request, without deciding it. */
export function previewFailure(rule: FailureRule | null, state: RuleState): FailurePreview {
  const none = { remaining: null, step: null, probability: null };
  if (!rule) return { will: 'usual', failure: null, ...none };
  switch (rule.mode) {
    case 'always':
      return { will: 'fail', failure: rule.kind, ...none };
    case 'next': {
      const remaining = Math.max(0, rule.count - state.served);
      return { will: remaining > 0 ? 'fail' : 'usual', failure: remaining > 0 ? rule.kind : null, ...none, remaining };
    }
    case 'probability':
      if (rule.probability === 0) return { will: 'usual', failure: null, ...none };
      return { will: rule.probability === 1 ? 'fail' : 'maybe_fail', failure: rule.kind, ...none, probability: rule.probability };
    case 'sequence': {
      const index = sequenceIndex(rule, state.served);
      const failure = index === null ? null : stepKind(rule.sequence[index]);
      const remaining = rule.repeat ? null : Math.max(0, rule.sequence.length - state.served);
      return { will: failure ? 'fail' : 'usual', failure, probability: null, remaining, step: index };
    }
  }
}

/** One line for the UI and the CLI: "reset the connection", "answer 503", … */
export function describeFailure(kind: FailureKind): string {
  switch (kind.type) {
    case 'status':
      return `answer ${kind.status}`;
    case 'hang':
      return kind.ms === undefined ? 'hang until the sender gives up' : `hang for ${kind.ms} ms, then close without an answer`;
    case 'reset':
      return 'reset the connection';
    case 'trickle':
      return `trickle the answer at ${kind.bytes_per_second} bytes/s`;
  }
}
