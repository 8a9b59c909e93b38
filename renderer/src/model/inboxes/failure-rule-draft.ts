import { FailureRule, SEQUENCE_SHORTHAND, type FailureKind, type SequenceStep } from '../../../../shared/api/responses.js';

export type FailureMode = FailureRule['mode'];
export type FailureKindType = FailureKind['type'];

/** The failure editor's fields, as typed; numbers stay text until saved so half-typed values are allowed. */
export interface FailureRuleDraft {
  /** null: no failure simulation. */
  mode: FailureMode | null;
  count: string;
  /** Percent, 0–100. */
  percent: string;
  kind: FailureKindType;
  status: string;
  /** Empty: hang until the sender gives up. */
  hangMs: string;
  bytesPerSecond: string;
  sequence: string;
  repeat: boolean;
}

export type RuleResult = { ok: true; rule: FailureRule | null } | { ok: false; error: string };

export const FAILURE_MODES: { mode: FailureMode; label: string }[] = [
  { mode: 'next', label: 'Next N requests' },
  { mode: 'probability', label: 'With probability' },
  { mode: 'always', label: 'Always' },
  { mode: 'sequence', label: 'Sequence' },
];

export const FAILURE_KINDS: { type: FailureKindType; label: string }[] = [
  { type: 'status', label: 'Status code' },
  { type: 'hang', label: 'Hang' },
  { type: 'reset', label: 'Connection reset' },
  { type: 'trickle', label: 'Trickled body' },
];

const BLANK: FailureRuleDraft = {
  mode: null,
  count: '3',
  percent: '20',
  kind: 'status',
  status: '500',
  hangMs: '',
  bytesPerSecond: '20',
  sequence: '500, 500, timeout, 200',
  repeat: false,
};

/** A short token for one step or kind: "500", "timeout", "hang:1500", "reset", "trickle:20". */
export function kindToken(kind: FailureKind | SequenceStep): string {
  if (typeof kind === 'string') return kind === 'hang' ? 'timeout' : kind;
  switch (kind.type) {
    case 'status':
      return String(kind.status);
    case 'hang':
      return kind.ms === undefined ? 'timeout' : `hang:${kind.ms}`;
    case 'reset':
      return 'reset';
    case 'trickle':
      return `trickle:${kind.bytes_per_second}`;
  }
}

/** What the sender sees, in a few words: "answer 503", "hang until the sender gives up", … */
export function describeKind(kind: FailureKind): string {
  switch (kind.type) {
    case 'status':
      return `answer ${kind.status}`;
    case 'hang':
      return kind.ms === undefined ? 'hang until the sender gives up' : `hang ${kind.ms.toLocaleString()} ms, then close without an answer`;
    case 'reset':
      return 'reset the connection';
    case 'trickle':
      return `trickle the answer at ${kind.bytes_per_second.toLocaleString()} bytes/s`;
  }
}

/** One sentence for a saved rule, e.g. "The next 3 requests: reset the connection." */
export function describeRule(rule: FailureRule): string {
  switch (rule.mode) {
    case 'always':
      return `Every request: ${describeKind(rule.kind)}.`;
    case 'next':
      return `The next ${rule.count === 1 ? 'request' : `${rule.count.toLocaleString()} requests`}: ${describeKind(rule.kind)}; then the usual answer.`;
    case 'probability':
      return `Each request, with a ${formatPercent(rule.probability)} chance: ${describeKind(rule.kind)}.`;
    case 'sequence':
      return `In turn: ${rule.sequence.map(kindToken).join(' → ')}${rule.repeat ? ', then again from the start' : ', then the usual answer'}.`;
  }
}

function formatPercent(probability: number): string {
  return `${Number((probability * 100).toFixed(2))}%`;
}

export function draftFromRule(rule: FailureRule | null): FailureRuleDraft {
  if (!rule) return { ...BLANK };
  const draft: FailureRuleDraft = { ...BLANK, mode: rule.mode };
  if (rule.mode === 'sequence') return { ...draft, sequence: rule.sequence.map(kindToken).join(', '), repeat: rule.repeat };
  if (rule.mode === 'next') draft.count = String(rule.count);
  if (rule.mode === 'probability') draft.percent = String(Number((rule.probability * 100).toFixed(4)));
  const { kind } = rule;
  draft.kind = kind.type;
  if (kind.type === 'status') draft.status = String(kind.status);
  if (kind.type === 'hang') draft.hangMs = kind.ms === undefined ? '' : String(kind.ms);
  if (kind.type === 'trickle') draft.bytesPerSecond = String(kind.bytes_per_second);
  return draft;
}

function wholeNumber(text: string, min: number, max: number, what: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max)
    return `${what} must be a whole number from ${min.toLocaleString()} to ${max.toLocaleString()}.`;
  return value;
}

function kindFromDraft(draft: FailureRuleDraft): FailureKind | string {
  switch (draft.kind) {
    case 'status': {
      const status = wholeNumber(draft.status, 200, 599, 'The status');
      return typeof status === 'string' ? status : { type: 'status', status };
    }
    case 'hang': {
      if (draft.hangMs.trim() === '') return { type: 'hang' };
      const ms = wholeNumber(draft.hangMs, 1, 600_000, 'The hang time (ms)');
      return typeof ms === 'string' ? ms : { type: 'hang', ms };
    }
    case 'reset':
      return { type: 'reset' };
    case 'trickle': {
      const rate = wholeNumber(draft.bytesPerSecond, 1, 10_000_000, 'Bytes per second');
      return typeof rate === 'string' ? rate : { type: 'trickle', bytes_per_second: rate };
    }
  }
}

/**
 * Reads "500, 500, timeout, 200" into sequence steps. Besides the API's shorthands ("200"–"599",
 * "timeout"/"hang", "reset", "default") it takes "hang:<ms>" and "trickle:<bytes per second>".
 */
export function parseSequence(text: string): { ok: true; steps: SequenceStep[] } | { ok: false; error: string } {
  const tokens = text
    .split(/[\s,→>]+/)
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: 'Write at least one step, e.g. 500, 500, timeout, 200.' };
  if (tokens.length > 1000) return { ok: false, error: 'A sequence has at most 1,000 steps.' };
  const steps: SequenceStep[] = [];
  for (const [index, token] of tokens.entries()) {
    const param = /^(hang|trickle):(\d+)$/.exec(token);
    if (param) {
      const value = Number(param[2]);
      if (param[1] === 'hang' && value >= 1 && value <= 600_000) steps.push({ type: 'hang', ms: value });
      else if (param[1] === 'trickle' && value >= 1 && value <= 10_000_000) steps.push({ type: 'trickle', bytes_per_second: value });
      else return { ok: false, error: `Step ${index + 1} ("${token}") is out of range: hang:1–600000 ms, trickle:1–10000000 bytes/s.` };
    } else if (SEQUENCE_SHORTHAND.test(token)) {
      steps.push(token);
    } else {
      return {
        ok: false,
        error: `Step ${index + 1} ("${token}") is not a step: use a status 200–599, timeout, reset, default, hang:<ms> or trickle:<bytes/s>.`,
      };
    }
  }
  return { ok: true, steps };
}

/** The rule to save, or the first thing to fix. */
export function ruleFromDraft(draft: FailureRuleDraft): RuleResult {
  if (draft.mode === null) return { ok: true, rule: null };
  let candidate: unknown;
  if (draft.mode === 'sequence') {
    const parsed = parseSequence(draft.sequence);
    if (!parsed.ok) return parsed;
    candidate = { mode: 'sequence', sequence: parsed.steps, repeat: draft.repeat };
  } else {
    const kind = kindFromDraft(draft);
    if (typeof kind === 'string') return { ok: false, error: kind };
    if (draft.mode === 'always') candidate = { mode: 'always', kind };
    if (draft.mode === 'next') {
      const count = wholeNumber(draft.count, 1, 100_000, 'The number of requests');
      if (typeof count === 'string') return { ok: false, error: count };
      candidate = { mode: 'next', count, kind };
    }
    if (draft.mode === 'probability') {
      const percent = Number(draft.percent.trim());
      if (draft.percent.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
        return { ok: false, error: 'The probability must be a percentage from 0 to 100.' };
      }
      candidate = { mode: 'probability', probability: percent / 100, kind };
    }
  }
  const checked = FailureRule.safeParse(candidate);
  return checked.success
    ? { ok: true, rule: checked.data }
    : { ok: false, error: checked.error.issues[0]?.message ?? 'The rule is not valid.' };
}
