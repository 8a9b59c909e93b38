import type { EngineEvents } from '../events.js';
import { newId } from '../ids.js';
import type { Responder } from '../responses/responder.js';
import { summaryOfNew, type NewDelivery } from '../store/delivery-rows.js';
import type { Store } from '../store/store.js';
import { jsonResponse, type CapturedRequest, type ResponsePlan } from './captured-request.js';
import { inboundFlowFacts } from './inboundflow-facts.js';
import { inboundFlowVerdicts } from './inboundflow-verdicts.js';
import { inspectJson } from './json-state.js';
import { headerValue } from './raw-headers.js';
import { inboxSlugOf } from './routing.js';

export type Ingest = (request: CapturedRequest) => Promise<ResponsePlan>;

/**
 * The receiver's one path for every transport: route to an inbox, derive what the engine
 * knows about the request, commit it, and only then return the answer for the sender.
 */
export function createIngest(store: Store, events: EngineEvents, responder: Responder): Ingest {
  return async (request) => {
    const slug = inboxSlugOf(request.target);
    const inbox = slug === null ? store.inboxes.ensureDefault() : store.inboxes.bySlug(slug);
    if (!inbox) {
      return jsonResponse(404, {
        error: 'unknown_inbox',
        message: `No inbox with the slug "${slug}"; nothing was stored. Create it in Hookbench or send to / for the default inbox.`,
      });
    }
    const id = newId('dlv', request.receivedAt);
    // Failure rule, forward-to, scripted or built-in answer: chosen now, committed with the delivery, acted out after.
    const decision = responder.decide(inbox, request, id);
    const contentType = headerValue(request.headers, 'content-type');
    const json = inspectJson(contentType, request.body);
    const facts = inboundFlowFacts(request.headers, json.value);
    const verdicts = inboundFlowVerdicts(request.headers, request.body, json, inbox, request.receivedAt);
    const delivery: NewDelivery = {
      id,
      direction: 'in',
      inboxId: inbox.id,
      integrationId: null,
      method: request.method,
      path: request.target,
      headers: request.headers,
      body: request.body,
      contentType,
      jsonState: json.state,
      remoteAddress: request.remoteAddress,
      tls: request.tls,
      via: request.via,
      tunnelProvider: request.provider ?? null,
      remoteAddressSource: request.remoteAddressSource ?? null,
      receivedAt: request.receivedAt,
      response: decision.recorded,
      answer: decision.answer,
      event: facts.event,
      deliveryId: facts.deliveryId,
      signature: verdicts.signature,
      schema: verdicts.schema,
      replayOf: null,
    };
    try {
      await store.commitDelivery(delivery);
    } catch (error) {
      // commitDelivery refuses with a HookbenchError that says why and what to do.
      return jsonResponse(503, {
        error: 'not_stored',
        message: `Hookbench did not store this request; retry it later. ${(error as Error).message}`,
      });
    }
    events.emit({ type: 'delivery.created', delivery: summaryOfNew(delivery) });
    return decision.deliver();
  };
}
