import type { RawHeaders } from '../../../shared/api/common.js';
import { encodeBody } from '../../../shared/api/body-codec.js';
import { DEFAULT_FORWARD_TIMEOUT_MS } from '../../../shared/api/inboxes.js';
import type { ReplayRequest, ReplayResult } from '../../../shared/api/replays.js';
import type { DeliveryAnswer } from '../../../shared/api/responses.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { EngineEvents } from '../events.js';
import { forwardUrl } from '../forward/forward-request.js';
import { classifyStatus } from '../outbound/failure-class.js';
import type { Exchange } from '../outbound/http-exchange.js';
import { newId } from '../ids.js';
import { inboxSlugOf } from '../inbound/routing.js';
import type { Store } from '../store/store.js';
import { schemeForDelivery } from '../../../shared/signatures/registry.js';
import { BUILT_IN_SCHEMES } from '../../../shared/signatures/registry.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';
import { customConfigOf, schemeSettingOf } from '../signatures/inbox-signature.js';
import { replayPlan } from './replay-request.js';
import type { ReplaySourceRow } from '../store/replays/replay-rows.js';
import { inspectJson } from '../inbound/json-state.js';
import { headerValue } from '../inbound/raw-headers.js';

export interface ReplayerOptions {
  store: Pick<Store, 'replays' | 'inboxes' | 'deliveries'>;
  events: EngineEvents;
  exchange: Exchange;
}

export interface ReplayContext {
  /** The bulk job this replay belongs to. */
  job?: string;
  signal?: AbortSignal;
}

/** Sends stored deliveries again and stores each replay as an outgoing delivery with the target's answer. */
export function createReplayer({ store, events, exchange }: ReplayerOptions) {
  const rows = store.replays;

  const targetOf = (source: ReplaySourceRow, given: string | undefined): URL => {
    if (source.direction === 'out') {
      const url = given ?? source.target_url;
      if (!url) throw new HookbenchError('no_target', `Delivery ${source.id} was never sent anywhere; give a target URL.`, 400);
      return new URL(url);
    }
    const base = given ?? (source.inbox_id ? store.inboxes.byId(source.inbox_id)?.forward_to : null);
    if (!base) {
      throw new HookbenchError('no_target', `Give a target URL, or set a forward_to on the inbox of delivery ${source.id}.`, 400);
    }
    return forwardUrl(base, source.path, inboxSlugOf(source.path) !== null);
  };

  const secretOf = (source: ReplaySourceRow, given: string | undefined): string | null => {
    if (given) return given;
    if (source.inbox_id) return store.inboxes.byId(source.inbox_id)?.secret ?? null;
    return source.integration_id ? rows.integrationSecret(source.integration_id) : null;
  };

  /** The delivery's scheme: the one its inbox names, else the one its headers show (auto), else InboundFlow's. */
  const schemeOf = (source: ReplaySourceRow, headers: RawHeaders): SignatureScheme => {
    const inbox = source.inbox_id ? store.inboxes.byId(source.inbox_id) : undefined;
    const found = inbox ? schemeForDelivery(schemeSettingOf(inbox), headers, customConfigOf(inbox) ?? undefined) : null;
    return found ?? BUILT_IN_SCHEMES.inboundflow;
  };

  async function replay(id: string, request: ReplayRequest, context: ReplayContext = {}): Promise<ReplayResult> {
    const source = rows.source(id);
    if (!source) throw new HookbenchError('not_found', `No delivery with id ${JSON.stringify(id)}.`, 404);
    const url = targetOf(source, request.target);
    const secret = secretOf(source, request.secret);
    if (request.mode === 'resign' && !secret) {
      throw new HookbenchError(
        'secret_required',
        `Re-signing needs a secret: pass "secret", or set one on the ${source.inbox_id ? 'inbox' : 'integration'}.`,
        400,
      );
    }
    const startedAt = Date.now();
    const storedHeaders = JSON.parse(source.headers_json) as RawHeaders;
    const plan = (() => {
      try {
        return replayPlan(
          { method: source.method, headers: storedHeaders, body: source.body },
          {
            url,
            mode: request.mode,
            secret,
            edits: request.edits,
            timestamp: Math.floor(startedAt / 1000),
            scheme: request.mode === 'resign' ? schemeOf(source, storedHeaders) : undefined,
          },
        );
      } catch (error) {
        throw new HookbenchError('resign_failed', (error as Error).message, 400);
      }
    })();
    const result = await exchange.send({
      url: plan.url,
      method: plan.method,
      headers: plan.headers,
      body: plan.body,
      timeoutMs: request.timeout_ms ?? DEFAULT_FORWARD_TIMEOUT_MS,
      signal: context.signal,
    });
    // Only a whole answer is stored as the response; one cut short is reported as its problem.
    const response = result.problem ? null : { status: result.answer.status, headers: result.answer.headers, body: result.answer.body };
    const error = result.problem ? { code: result.problem.kind, message: result.problem.message } : null;
    const outcome = !error ? 'sent' : error.code === 'timeout' ? 'timeout' : 'failed';
    const answer: DeliveryAnswer = {
      source: 'replay',
      outcome,
      target: plan.url.href,
      duration_ms: result.durationMs,
      mode: request.mode,
      edited: plan.edited,
      ...(error ? { error } : {}),
      ...(context.job ? { job: context.job } : {}),
    };
    const replayId = newId('dlv', startedAt);
    const errorClass = result.problem ? result.problem.kind : classifyStatus(result.answer.status);
    const contentType = headerValue(plan.headers, 'content-type');
    await rows.add({
      id: replayId,
      source,
      url: plan.url,
      method: plan.method,
      headers: plan.headers,
      body: plan.body,
      contentType,
      jsonState: inspectJson(contentType, plan.body).state,
      startedAt,
      response,
      answer,
      errorClass,
    });
    const summary = store.deliveries.summary(replayId);
    if (summary) events.emit({ type: 'delivery.created', delivery: summary });
    return {
      id: replayId,
      replay_of: source.id,
      url: plan.url.href,
      mode: request.mode,
      outcome,
      status: response?.status ?? null,
      duration_ms: result.durationMs,
      error,
      response: response ? { status: response.status, headers: response.headers, body: encodeBody(response.body) } : null,
    };
  }

  return { replay, seqOf: rows.seqOf };
}

export type Replayer = ReturnType<typeof createReplayer>;
