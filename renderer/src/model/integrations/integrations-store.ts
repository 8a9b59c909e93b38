import type { DeliveryList, DeliveryRecord, DeliverySummary } from '../../../../shared/api/deliveries.js';
import type { Integration, IntegrationCreate, IntegrationPatch, OutgoingResult } from '../../../../shared/api/integrations.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import type { InboundFlowEvent } from '../../../../shared/inboundflow/events.js';
import { FrameBatchQueue, type FrameScheduler } from '../common/frame-batch-queue.js';
import { outgoingOutcome, type OutgoingOutcome } from '../delivery/outgoing-outcome.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export type IntegrationLiveMessage = Extract<LiveMessage, { type: `integration.${string}` }>;
type Queued = IntegrationLiveMessage | { type: 'outgoing'; delivery: DeliverySummary };

export interface IntegrationSource {
  listIntegrations(): Promise<Integration[]>;
  createIntegration(body: IntegrationCreate): Promise<Integration>;
  updateIntegration(id: string, patch: IntegrationPatch): Promise<Integration>;
  deleteIntegration(id: string): Promise<void>;
  testIntegration(id: string, event?: InboundFlowEvent): Promise<OutgoingResult>;
  enableIntegration(id: string, sendSkipped: boolean): Promise<{ integration: Integration; requeued: string[] }>;
  sendSkipped(id: string): Promise<string[]>;
  rotateSecret(id: string): Promise<Integration>;
}

export interface OutgoingDeliverySource {
  listDeliveries(query: Record<string, string>): Promise<DeliveryList>;
  getDelivery(id: string): Promise<DeliveryRecord>;
}

export interface IntegrationsSnapshot {
  integrations: Integration[];
  /** The latest outgoing delivery per integration id. */
  lastDelivery: Readonly<Record<string, DeliverySummary>>;
  loaded: boolean;
  error: string | null;
}

/**
 * The integrations, oldest first, with each one's latest delivery; kept current by the live feed
 * (failure counts, auto-disable, every outgoing delivery) and by the answers to our own edits.
 */
export class IntegrationsStore extends SnapshotStore<IntegrationsSnapshot> {
  protected snapshot: IntegrationsSnapshot = { integrations: [], lastDelivery: {}, loaded: false, error: null };
  private readonly queue: FrameBatchQueue<Queued>;

  constructor(
    private readonly source: IntegrationSource,
    private readonly deliveries: OutgoingDeliverySource,
    scheduler?: FrameScheduler,
  ) {
    super();
    this.queue = new FrameBatchQueue((batch) => this.applyLive(batch), scheduler);
  }

  byId(id: string | null | undefined): Integration | undefined {
    return id ? this.snapshot.integrations.find((integration) => integration.id === id) : undefined;
  }

  async load(): Promise<void> {
    try {
      const integrations = await this.source.listIntegrations();
      const latest = await Promise.all(
        integrations.map((integration) =>
          this.deliveries
            .listDeliveries({ direction: 'out', integration: integration.id, limit: '1' })
            .then((page) => page.items[0])
            .catch(() => undefined),
        ),
      );
      const lastDelivery: Record<string, DeliverySummary> = {};
      latest.forEach((summary, index) => {
        const id = integrations[index].id;
        // A live delivery that arrived while loading is newer than the page.
        const live = this.snapshot.lastDelivery[id];
        if (live) lastDelivery[id] = live;
        else if (summary) lastDelivery[id] = summary;
      });
      this.set({ integrations, lastDelivery, loaded: true, error: null });
    } catch (error) {
      this.set({ ...this.snapshot, loaded: true, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async create(body: IntegrationCreate): Promise<Integration> {
    const integration = await this.source.createIntegration(body);
    this.upsert(integration);
    return integration;
  }

  async update(id: string, patch: IntegrationPatch): Promise<Integration> {
    const integration = await this.source.updateIntegration(id, patch);
    this.upsert(integration);
    return integration;
  }

  async remove(id: string): Promise<void> {
    await this.source.deleteIntegration(id);
    this.drop(id);
  }

  /** Re-enables after auto-disable (the count goes to 0), optionally sending what was skipped meanwhile. */
  async enable(id: string, sendSkipped: boolean): Promise<string[]> {
    const { integration, requeued } = await this.source.enableIntegration(id, sendSkipped);
    this.upsert(integration);
    return requeued;
  }

  sendSkipped(id: string): Promise<string[]> {
    return this.source.sendSkipped(id);
  }

  async rotateSecret(id: string): Promise<Integration> {
    const integration = await this.source.rotateSecret(id);
    this.upsert(integration);
    return integration;
  }

  /** Sends a test delivery and reports it with the attempt's timing. */
  async test(id: string, event?: InboundFlowEvent): Promise<OutgoingOutcome> {
    const result = await this.source.testIntegration(id, event);
    const record = await this.deliveries.getDelivery(result.id).catch(() => null);
    return outgoingOutcome(result, record);
  }

  receive(message: IntegrationLiveMessage): void {
    this.queue.push(message);
  }

  /** Every outgoing delivery created or updated: it becomes its integration's latest. */
  receiveDelivery(delivery: DeliverySummary): void {
    if (delivery.direction === 'out' && delivery.integration_id) this.queue.push({ type: 'outgoing', delivery });
  }

  private applyLive(batch: Queued[]): void {
    let { integrations, lastDelivery } = this.snapshot;
    for (const message of batch) {
      if (message.type === 'outgoing') {
        lastDelivery = { ...lastDelivery, [message.delivery.integration_id!]: message.delivery };
      } else if (message.type === 'integration.deleted') {
        integrations = integrations.filter((integration) => integration.id !== message.id);
      } else {
        integrations = upserted(integrations, message.integration);
      }
    }
    this.set({ ...this.snapshot, integrations, lastDelivery });
  }

  private upsert(integration: Integration): void {
    this.set({ ...this.snapshot, integrations: upserted(this.snapshot.integrations, integration) });
  }

  private drop(id: string): void {
    const { [id]: _dropped, ...lastDelivery } = this.snapshot.lastDelivery;
    this.set({ ...this.snapshot, integrations: this.snapshot.integrations.filter((integration) => integration.id !== id), lastDelivery });
  }

  private set(snapshot: IntegrationsSnapshot): void {
    this.snapshot = snapshot;
    this.notify();
  }
}

/** Adds or replaces, but never lets an older copy (a slow answer) overwrite a newer one from the live feed. */
function upserted(integrations: Integration[], integration: Integration): Integration[] {
  const index = integrations.findIndex((existing) => existing.id === integration.id);
  if (index === -1) return [...integrations, integration];
  if (integrations[index].updated_at > integration.updated_at) return integrations;
  return integrations.map((existing, i) => (i === index ? integration : existing));
}
