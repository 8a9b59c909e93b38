import { randomUUID } from 'node:crypto';
import type { FireResult, OutgoingResult } from '../../../shared/api/integrations.js';
import { HookbenchError } from '../../../shared/errors.js';
import type { InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import type { EngineEvents } from '../events.js';
import { newId } from '../ids.js';
import type { Store } from '../store/store.js';
import { envelopeBytes } from './delivery-request.js';
import { createDeliveryLines, type JobKind } from './delivery-lines.js';
import { inFlightDelivery, type InFlightDelivery } from './in-flight-delivery.js';
import { eventsOf, type IntegrationRow } from './integration-rows.js';
import { integrationSending } from './integration-sending.js';
import type { IntegrationService } from './integration-service.js';
import type { NewOutgoing } from '../store/integrations/outgoing-rows.js';
import { newOutgoingSummary, skippedSummary, toOutgoingResult } from './outgoing-summary.js';

export interface DispatcherOptions {
  store: Pick<Store, 'outgoing' | 'writes' | 'deliveries' | 'interrupted'>;
  events: EngineEvents;
  integrations: IntegrationService;
  allowHttpLocalhost: boolean;
  timeoutMs: number;
  /** Hookbench's local CA, trusted besides the system's so the engine can deliver to its own HTTPS receiver. */
  caPems: readonly string[];
  log?: (line: string) => void;
}

/**
 * The InboundFlow sender's operations: fire events, tests, scenarios, redeliveries and skipped
 * deliveries. Each delivery is built once and handed to its integration's line (delivery-lines.ts).
 */
export function createDispatcher(options: DispatcherOptions) {
  const { store, integrations } = options;
  const { outgoing, writes } = store;
  let stopping = false;

  // Attempts a crash cut short were settled when the store opened: interrupted, and never counted.
  const settled = store.interrupted;
  if (settled.attempts > 0 || settled.deliveries > 0) {
    options.log?.(
      `dispatch: ${settled.deliveries} deliveries and ${settled.attempts} attempts were cut short by the last stop; marked interrupted`,
    );
  }
  const organizationId = outgoing.setting('organization_id') ?? randomUUID();
  const lines = createDeliveryLines({ ...options, writes, outgoing });
  const { announce, enqueue } = lines;

  const refuseWhileStopping = () => {
    if (stopping) throw new HookbenchError('stopping', 'Hookbench is stopping; nothing new is sent. Try again after it restarts.', 503);
  };

  function resolveTargets(event: InboundFlowEvent, ids: readonly string[] | undefined): IntegrationRow[] {
    if (ids === undefined) return integrations.rows.all().filter((row) => eventsOf(row).includes(event));
    return [...new Set(ids)].map((id) => {
      const row = integrations.find(id);
      if (!eventsOf(row).includes(event)) {
        throw new HookbenchError(
          'not_subscribed',
          `Integration ${id} (${row.name}) does not subscribe to ${event}; it receives ${eventsOf(row).join(', ')}. Add the event to it first.`,
          400,
        );
      }
      return row;
    });
  }

  /** Stores one delivery per target (kept as skipped for disabled ones) and queues the rest. */
  async function createDeliveries(
    event: InboundFlowEvent,
    data: Record<string, unknown>,
    targets: IntegrationRow[],
    kind: JobKind,
    wait: boolean,
  ) {
    refuseWhileStopping();
    const now = Date.now();
    const occurredAt = new Date(now);
    const items: NewOutgoing[] = targets.map((row) => {
      const deliveryId = randomUUID();
      const sendNow = row.enabled === 1 || kind === 'test';
      return {
        id: newId('dlv', now),
        integrationId: row.id,
        event,
        deliveryId,
        url: integrationSending(row, options.allowHttpLocalhost).target,
        // Built and serialized once: these bytes are stored, signed and sent, and sent again on redelivery.
        body: envelopeBytes({ event, occurredAt, organizationId, deliveryId, data }),
        createdAt: now,
        state: sendNow ? 'queued' : 'skipped',
        skippedReason: sendNow ? null : 'disabled',
      };
    });
    const created = items.map((item) => inFlightDelivery(null, item.body, newOutgoingSummary(item), item));
    // A free line starts at once and stores its delivery with the first attempt; the rest are stored first, then queued.
    const direct = created.filter((d) => d.unstored!.state === 'queued' && lines.isFree(d.unstored!.integrationId));
    const later = created.filter((d) => !direct.includes(d));
    const jobs = direct.map((delivery) => enqueue({ integrationId: delivery.unstored!.integrationId, kind, delivery }));
    const seqs = later.length ? await writes.write('lazy', () => later.map((d) => outgoing.insert(d.unstored!))) : [];
    later.forEach((delivery, i) => {
      delivery.seq = seqs[i];
      delivery.unstored = null;
      delivery.markStored();
      announce(delivery, 'delivery.created');
    });
    for (const id of new Set(items.filter((i) => i.state === 'skipped').map((i) => i.integrationId))) integrations.announce(id);
    for (const delivery of later) {
      if (delivery.summary.dispatch_state === 'queued')
        jobs.push(enqueue({ integrationId: delivery.summary.integration_id!, kind, delivery }));
    }
    await Promise.all(direct.map((d) => d.stored));
    const done = Promise.all(jobs);
    if (wait) await done;
    return { results: () => created.map((d) => toOutgoingResult(d.summary)), done };
  }

  /** Puts stored deliveries back in their integration's line (redelivery: same body, same delivery_id). */
  async function requeue(ids: string[], integrationId: string, wait: boolean): Promise<InFlightDelivery[]> {
    refuseWhileStopping();
    const deliveries = ids.map((id): InFlightDelivery => {
      const stored = outgoing.stored(id)!;
      return inFlightDelivery(stored.seq, stored.body, skippedSummary(store.deliveries.summary(id)!, null, 'queued'));
    });
    await writes.write('lazy', () => deliveries.forEach((d) => outgoing.setState(d.seq!, 'queued')));
    for (const delivery of deliveries) announce(delivery);
    const done = deliveries.map((delivery) => enqueue({ integrationId, kind: 'redeliver', delivery }));
    if (wait) await Promise.all(done);
    return deliveries;
  }

  return {
    organizationId,

    /** Fires an event to every subscribed integration, or to the ones named. */
    async fire(
      event: InboundFlowEvent,
      data: Record<string, unknown>,
      integrationIds?: readonly string[],
      wait = false,
    ): Promise<FireResult> {
      const created = await createDeliveries(event, data, resolveTargets(event, integrationIds), 'event', wait);
      return { event, data, deliveries: created.results() };
    },

    /**
     * Fires events one after another (a scenario), so each integration's line holds them in order.
     * With `integrationIds`, each event goes to those of them that subscribe to it.
     */
    async fireSequence(
      steps: { event: InboundFlowEvent; data: Record<string, unknown> }[],
      integrationIds?: readonly string[],
      wait = false,
    ): Promise<FireResult[]> {
      const named = integrationIds?.map((id) => integrations.find(id));
      const created = [];
      for (const step of steps) {
        const targets = named ? named.filter((row) => eventsOf(row).includes(step.event)) : resolveTargets(step.event, undefined);
        created.push({ step, ...(await createDeliveries(step.event, step.data, targets, 'event', false)) });
      }
      if (wait) await Promise.all(created.map((c) => c.done));
      return created.map(({ step, results }) => ({ event: step.event, data: step.data, deliveries: results() }));
    },

    /** A test delivery to one integration; sent even while it is disabled. */
    async test(integrationId: string, event: InboundFlowEvent, data: Record<string, unknown>, wait = true): Promise<OutgoingResult> {
      const row = integrations.find(integrationId);
      const created = await createDeliveries(event, data, [row], 'test', wait);
      return created.results()[0];
    },

    async redeliver(id: string, wait = false): Promise<OutgoingResult> {
      const summary = store.deliveries.summary(id);
      if (!summary) throw new HookbenchError('not_found', `No delivery with id ${JSON.stringify(id)}.`, 404);
      if (summary.direction !== 'out') {
        throw new HookbenchError(
          'not_outgoing',
          'Only outgoing deliveries can be redelivered; a received delivery is sent again with replay.',
          400,
        );
      }
      if (summary.integration_id === null) {
        throw new HookbenchError(
          'integration_deleted',
          'The integration of this delivery was deleted, so there is nowhere to redeliver it.',
          409,
        );
      }
      const row = integrations.find(summary.integration_id);
      if (row.enabled === 0) {
        throw new HookbenchError(
          'integration_disabled',
          `Integration ${row.id} (${row.name}) is disabled; re-enable it first (POST /api/integrations/${row.id}/enable).`,
          409,
        );
      }
      if (summary.dispatch_state === 'queued' || summary.dispatch_state === 'sending') {
        throw new HookbenchError('in_flight', 'This delivery is already queued or being sent; wait for its attempt to finish.', 409);
      }
      const [delivery] = await requeue([id], row.id, wait);
      return toOutgoingResult(delivery.summary);
    },

    /** Sends the deliveries kept as skipped while the integration was disabled, oldest first. */
    async sendSkipped(integrationId: string, wait = false): Promise<string[]> {
      const row = integrations.find(integrationId);
      if (row.enabled === 0) {
        throw new HookbenchError(
          'integration_disabled',
          `Integration ${row.id} (${row.name}) is still disabled; re-enable it to send its skipped deliveries.`,
          409,
        );
      }
      const ids = outgoing.skippedWhileDisabled(row.id);
      await requeue(ids, row.id, wait);
      if (ids.length > 0) integrations.announce(row.id);
      return ids;
    },

    /** Cuts in-flight attempts short (recorded as interrupted, not counted) and drops what is still queued. */
    async stop(): Promise<void> {
      stopping = true;
      await lines.stop();
      await writes.flush();
    },

    /** Resolves once every queued delivery so far has settled. */
    idle: () => lines.idle(),
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
