import type { FailureKind, FailureRule, ScriptedResponse } from '../../../shared/api/responses.js';
import type { EngineEvents } from '../events.js';
import type { InboxRow } from '../store/inboxes/inbox-repository.js';
import { nextFailure, previewFailure, type FailurePreview, type RuleState } from './next-response.js';

const FRESH: RuleState = { served: 0 };

/**
 * Each inbox's scripted response and failure rule, parsed once per stored value, and the rule's
 * state in memory. Saving an inbox (inbox.updated) restarts its rule: `next` counts and sequences
 * begin again. A restart of the engine does too.
 */
export function createInboxRules(events: EngineEvents, random: () => number = Math.random) {
  const states = new Map<string, RuleState>();
  const parsed = new Map<string, unknown>();
  const parse = <T>(json: string | null): T | null => {
    if (json === null) return null;
    if (!parsed.has(json)) {
      if (parsed.size > 256) parsed.clear();
      parsed.set(json, JSON.parse(json));
    }
    return parsed.get(json) as T;
  };

  events.subscribe((message) => {
    if (message.type === 'inbox.updated') states.delete(message.inbox.id);
    if (message.type === 'inbox.deleted') states.delete(message.id);
  });

  return {
    response: (inbox: InboxRow) => parse<ScriptedResponse>(inbox.response_json),
    rule: (inbox: InboxRow) => parse<FailureRule>(inbox.failure_json),

    /** Decides for one request and advances the rule: the failure to act out, or null. */
    take(inbox: InboxRow): FailureKind | null {
      const rule = parse<FailureRule>(inbox.failure_json);
      if (!rule) return null;
      const { failure, state } = nextFailure(rule, states.get(inbox.id) ?? FRESH, random);
      states.set(inbox.id, state);
      return failure;
    },

    peek(inbox: InboxRow): FailurePreview & { served: number } {
      const state = states.get(inbox.id) ?? FRESH;
      return { ...previewFailure(parse<FailureRule>(inbox.failure_json), state), served: state.served };
    },
  };
}

export type InboxRules = ReturnType<typeof createInboxRules>;
