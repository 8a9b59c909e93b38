import type { EngineEvents } from '../events.js';
import { newId } from '../ids.js';
import type { Responder } from '../responses/responder.js';
import { summaryOfNew, type NewDelivery } from '../store/deliveries/delivery-rows.js';
import type { Store } from '../store/store.js';
import { jsonResponse, type CapturedRequest, type ResponsePlan } from '../inbound/captured-request.js';
import { inboundFlowFacts } from './inboundflow-facts.js';
import { signatureCheckFor } from '../signatures/signature-check.js';
import { inboundFlowSchemaVerdict, looksLikeInboundFlow } from './inboundflow-verdicts.js';
import { inspectJson } from '../inbound/json-state.js';
import { headerValue } from '../inbound/raw-headers.js';
import { inboxSlugOf } from '../inbound/routing.js';
import { queuedPlan, relayAnswerRecorded, RELAY_QUEUE_ANSWER } from './queued-answer.js';
import { requestUrls } from './request-urls.js';

export type Ingest = (request: CapturedRequest) => Promise<ResponsePlan>;

export interface IngestOptions {
  /** The local receiver's origin (http://127.0.0.1:port), once it listens: the URL a tunnelled request's check compares with. */
  localOrigin?: () => string | null;
}

/**
 * The receiver's one path for every transport: route to an inbox, derive what the engine
 * knows about the request, commit it, and only then return the answer for the sender.
 * A relay's queued request is stored once per relay id: a redelivery (after a crash of the relay
 * or of this app mid-drain) is recognised, in the store or while its first copy commits.
 */
type IngestStore = Pick<Store, 'inboxes' | 'deliveries' | 'commitDelivery'>;

export function createIngest(store: IngestStore, events: EngineEvents, responder: Responder, options: IngestOptions = {}): Ingest {
  const storing = new Map<string, Promise<ResponsePlan>>();
  const ingestOne = storeRequest(store, events, responder, options);
  return async (request) => {
    const relayId = request.relayQueue?.id;
    if (!relayId) return ingestOne(request);
    const first = storing.get(relayId);
    if (first) await first.catch(() => undefined);
    const stored = store.deliveries.idOfRelayRequest(relayId);
    if (stored) return queuedPlan(stored, 'duplicate');
    const attempt = ingestOne(request);
    storing.set(relayId, attempt);
    try {
      return await attempt;
    } finally {
      if (storing.get(relayId) === attempt) storing.delete(relayId);
    }
  };
}

function storeRequest(store: IngestStore, events: EngineEvents, responder: Responder, options: IngestOptions): Ingest {
  return async (request) => {
    const slug = inboxSlugOf(request.target);
    const inbox = slug === null ? store.inboxes.defaultInbox() : store.inboxes.bySlug(slug);
    if (!inbox) {
      return jsonResponse(404, {
        error: 'unknown_inbox',
        message: `No inbox with the slug "${slug}"; nothing was stored. Create it in Hookbench or send to / for the default inbox.`,
      });
    }
    const id = newId('dlv', request.receivedAt);
    const queued = request.relayQueue;
    // Failure rule, forward-to, scripted or built-in answer: chosen now, committed with the delivery, acted out after.
    // A queued request was answered by the relay already: none of them applies.
    const decision = queued
      ? { recorded: relayAnswerRecorded(queued), answer: RELAY_QUEUE_ANSWER, deliver: () => Promise.resolve(queuedPlan(id, 'stored')) }
      : responder.decide(inbox, request, id);
    const contentType = headerValue(request.headers, 'content-type');
    const json = inspectJson(contentType, request.body);
    const facts = inboundFlowFacts(request.headers, json.value);
    const inboundFlow = looksLikeInboundFlow(request.headers, json.value);
    // Verified once, here, with the inbox's setting compiled once per version of the inbox.
    const signature = signatureCheckFor(inbox).check({
      headers: request.headers,
      body: request.body,
      receivedAt: request.receivedAt,
      ...requestUrls(request, options.localOrigin?.() ?? null),
      looksLikeInboundFlow: inboundFlow,
    });
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
      signature,
      schema: inboundFlow ? inboundFlowSchemaVerdict(json) : null,
      replayOf: null,
      relayRequestId: queued?.id ?? null,
      queuedAt: queued?.queuedAt ?? null,
      drainedAt: queued?.drainedAt ?? null,
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
