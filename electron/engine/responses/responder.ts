import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_FORWARD_TIMEOUT_MS } from '../../../shared/api/inboxes.js';
import type { DeliveryAnswer, NextResponse } from '../../../shared/api/responses.js';
import type { EngineEvents } from '../events.js';
import { forwardRequest, type SelfCheck } from '../forward/forwarder.js';
import type { Exchange } from '../outbound/http-exchange.js';
import type { CapturedRequest, RecordedResponse, ResponsePlan } from '../inbound/captured-request.js';
import type { InboxRow } from '../store/inboxes/inbox-repository.js';
import type { Store } from '../store/store.js';
import { builtInAnswer, failureAnswer, scriptedAnswer, type PlannedAnswer } from './answer-plans.js';
import { createInboxRules } from './inbox-rules.js';
import { describeFailure } from './next-response.js';

/** The answer chosen for one request, before its delivery is committed. */
export interface Decision {
  /** Committed with the delivery; null while a forward is pending. */
  recorded: RecordedResponse | null;
  answer: DeliveryAnswer | null;
  /** Runs after the commit: waits, forwards and records, then returns what the transport writes. */
  deliver(): Promise<ResponsePlan>;
}

export interface ResponderOptions {
  /** Where a forward's answer is recorded, and the delivery it completes read back for the live feed. */
  store: Pick<Store, 'answers' | 'deliveries'>;
  events: EngineEvents;
  exchange: Exchange;
  isSelf?: SelfCheck;
  random?: () => number;
  log?: (line: string) => void;
}

/**
 * How the receiver answers: the failure rule first, then forward-to, then the scripted response,
 * else the built-in 200. Ingest asks before the commit and delivers after it.
 */
export function createResponder(options: ResponderOptions) {
  const { store, events, exchange } = options;
  const isSelf = options.isSelf ?? (() => false);
  const rules = createInboxRules(events, options.random);
  const { answers } = store;

  const usualAnswer = (inbox: InboxRow, id: string): PlannedAnswer => {
    const response = rules.response(inbox);
    return response ? scriptedAnswer(response) : builtInAnswer(id);
  };

  const settled = (planned: PlannedAnswer): Decision => ({
    recorded: planned.recorded,
    answer: planned.answer,
    deliver: async () => {
      if (planned.delayMs > 0) await sleep(planned.delayMs);
      return planned.plan;
    },
  });

  const forwarding = (inbox: InboxRow & { forward_to: string }, request: CapturedRequest, id: string): Decision => ({
    recorded: null,
    answer: { source: 'forward', outcome: 'pending', target: inbox.forward_to },
    deliver: async () => {
      const target = { forwardTo: inbox.forward_to, timeoutMs: inbox.forward_timeout_ms ?? DEFAULT_FORWARD_TIMEOUT_MS };
      const outcome = await forwardRequest(exchange, request, target, isSelf);
      try {
        await answers.record(id, outcome.recorded, outcome.answer);
        const delivery = store.deliveries.summary(id);
        if (delivery) events.emit({ type: 'delivery.updated', delivery });
      } catch (error) {
        // The delivery itself is committed; only the note of the handler's answer is lost.
        options.log?.(`forward: could not record the answer of ${id}: ${(error as Error).message}`);
      }
      return outcome.plan;
    },
  });

  return {
    decide(inbox: InboxRow, request: CapturedRequest, id: string): Decision {
      const failure = rules.take(inbox);
      if (failure) return settled(failureAnswer(failure, usualAnswer(inbox, id), id));
      if (inbox.forward_to) return forwarding({ ...inbox, forward_to: inbox.forward_to }, request, id);
      return settled(usualAnswer(inbox, id));
    },

    /** What the next request to this inbox will get (GET /api/inboxes/:id/next-response). */
    preview(inbox: InboxRow): NextResponse {
      const peek = rules.peek(inbox);
      const rule = rules.rule(inbox);
      const response = rules.response(inbox);
      const timeoutMs = inbox.forward_timeout_ms ?? DEFAULT_FORWARD_TIMEOUT_MS;
      const usual: NextResponse['usual'] = inbox.forward_to
        ? { type: 'forward', target: inbox.forward_to, timeout_ms: timeoutMs }
        : response
          ? { type: 'scripted', ...response }
          : { type: 'default', status: 200 };
      const usualText =
        usual.type === 'forward'
          ? `forwarded to ${usual.target}`
          : usual.type === 'scripted'
            ? `answered ${usual.status} (scripted response)`
            : 'answered 200 {"ok":true,"id":…}';
      const description =
        peek.will === 'usual'
          ? `The next request is ${usualText}.`
          : peek.will === 'fail'
            ? `The next request gets a simulated failure: ${describeFailure(peek.failure!)}.`
            : `The next request gets a simulated failure (${describeFailure(peek.failure!)}) with probability ${peek.probability}; otherwise it is ${usualText}.`;
      return {
        inbox_id: inbox.id,
        will: peek.will,
        failure: peek.failure,
        probability: peek.probability,
        usual,
        rule: rule ? { mode: rule.mode, served: peek.served, remaining: peek.remaining, step: peek.step } : null,
        description,
      };
    },

    /** Forward answers still being written are committed with the store's last batch. */
    close(): Promise<void> {
      exchange.close();
      return Promise.resolve();
    },
  };
}

export type Responder = ReturnType<typeof createResponder>;
