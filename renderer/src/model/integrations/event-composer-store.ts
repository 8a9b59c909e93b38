import type { DeliverySummary, DispatchState } from '../../../../shared/api/deliveries.js';
import type { FireResult, Integration, OutgoingResult } from '../../../../shared/api/integrations.js';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent } from '../../../../shared/inboundflow/events.js';
import { formatEventData } from './event-data-check.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export interface EventTemplate {
  event: InboundFlowEvent;
  description: string;
  data: Record<string, unknown>;
}

export type InboundCallOutcome = 'booked' | 'transferred';

export interface EventSource {
  listTemplates(): Promise<EventTemplate[]>;
  fireEvent(event: InboundFlowEvent, data: Record<string, unknown>, integrationIds: string[]): Promise<FireResult>;
  inboundCall(
    outcome: InboundCallOutcome,
    integrationIds?: string[],
  ): Promise<{ call_id: string; outcome: InboundCallOutcome; events: FireResult[] }>;
}

/** One delivery the composer made, kept current from the live feed. */
export interface SentDelivery {
  id: string;
  integrationId: string | null;
  event: string;
  state: DispatchState;
  status: number | null;
  errorClass: string | null;
  skippedReason: string | null;
}

/** One press of Send or of the scenario button. */
export interface SentEntry {
  key: number;
  title: string;
  at: string;
  deliveries: SentDelivery[];
}

export interface ComposerSnapshot {
  event: InboundFlowEvent;
  texts: Readonly<Record<InboundFlowEvent, string>>;
  descriptions: Readonly<Partial<Record<InboundFlowEvent, string>>>;
  templatesError: string | null;
  /** Integrations the user unticked; everything else subscribed is a target, including ones added later. */
  excluded: readonly string[];
  sent: readonly SentEntry[];
}

export interface ComposerTarget {
  integration: Integration;
  checked: boolean;
}

const KEEP_SENT = 12;
/** Live updates can beat the answer to our own POST; the latest few are kept to apply on arrival. */
const KEEP_SEEN = 500;
const EMPTY_TEXTS = Object.fromEntries(INBOUNDFLOW_EVENTS.map((event) => [event, ''])) as Record<InboundFlowEvent, string>;

/** Who an event can go to (only subscribers: the engine refuses the rest) and who is ticked. */
export function composerTargets(
  integrations: readonly Integration[],
  event: InboundFlowEvent,
  excluded: readonly string[],
): {
  targets: ComposerTarget[];
  notSubscribed: Integration[];
} {
  const targets: ComposerTarget[] = [];
  const notSubscribed: Integration[] = [];
  for (const integration of integrations) {
    if (integration.events.includes(event)) targets.push({ integration, checked: !excluded.includes(integration.id) });
    else notSubscribed.push(integration);
  }
  return { targets, notSubscribed };
}

function sentDelivery(result: OutgoingResult): SentDelivery {
  return {
    id: result.id,
    integrationId: result.integration_id,
    event: result.event,
    state: result.state,
    status: result.response_status,
    errorClass: result.error_class,
    skippedReason: result.skipped_reason,
  };
}

function withSummary(delivery: SentDelivery, summary: DeliverySummary): SentDelivery {
  return {
    ...delivery,
    state: summary.dispatch_state ?? delivery.state,
    status: summary.response_status,
    errorClass: summary.error_class ?? null,
    skippedReason: summary.skipped_reason ?? null,
  };
}

/**
 * The event composer: which event, the JSON being edited for each event (kept while switching
 * events and views), who it goes to, and what was sent, whose states follow the live feed.
 */
export class EventComposerStore extends SnapshotStore<ComposerSnapshot> {
  protected snapshot: ComposerSnapshot = {
    event: INBOUNDFLOW_EVENTS[0],
    texts: EMPTY_TEXTS,
    descriptions: {},
    templatesError: null,
    excluded: [],
    sent: [],
  };
  private nextKey = 1;
  private readonly seen = new Map<string, DeliverySummary>();

  constructor(private readonly source: EventSource) {
    super();
  }

  /** Fills in a realistic sample for every event not being edited yet. */
  async loadTemplates(): Promise<void> {
    try {
      const templates = await this.source.listTemplates();
      const texts = { ...this.snapshot.texts };
      const descriptions = { ...this.snapshot.descriptions };
      for (const template of templates) {
        if (!texts[template.event]) texts[template.event] = formatEventData(template.data);
        descriptions[template.event] = template.description;
      }
      this.set({ texts, descriptions, templatesError: null });
    } catch (error) {
      this.set({ templatesError: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Replaces the current event's text with a fresh sample (a new caller, new times). */
  async freshSample(): Promise<void> {
    const event = this.snapshot.event;
    try {
      const template = (await this.source.listTemplates()).find((item) => item.event === event);
      if (template) this.set({ texts: { ...this.snapshot.texts, [event]: formatEventData(template.data) }, templatesError: null });
    } catch (error) {
      this.set({ templatesError: error instanceof Error ? error.message : String(error) });
    }
  }

  selectEvent(event: InboundFlowEvent): void {
    this.set({ event });
  }

  setText(text: string): void {
    this.set({ texts: { ...this.snapshot.texts, [this.snapshot.event]: text } });
  }

  toggleTarget(integrationId: string): void {
    const { excluded } = this.snapshot;
    this.set({ excluded: excluded.includes(integrationId) ? excluded.filter((id) => id !== integrationId) : [...excluded, integrationId] });
  }

  async send(data: Record<string, unknown>, integrationIds: string[]): Promise<SentEntry> {
    const { event } = this.snapshot;
    const result = await this.source.fireEvent(event, data, integrationIds);
    return this.record(event, result.deliveries);
  }

  /** Fires one call's events in order to every ticked integration that subscribes to each. */
  async inboundCall(outcome: InboundCallOutcome, integrations: readonly Integration[]): Promise<SentEntry> {
    const { excluded } = this.snapshot;
    const ids = excluded.length === 0 ? undefined : integrations.filter((i) => !excluded.includes(i.id)).map((i) => i.id);
    const result = await this.source.inboundCall(outcome, ids);
    const title = `Inbound call (${outcome}): ${result.events.map((step) => step.event).join(' → ')}`;
    return this.record(
      title,
      result.events.flatMap((step) => step.deliveries),
    );
  }

  /** An outgoing delivery changed: if the composer made it, show its new state. */
  receiveDelivery(summary: DeliverySummary): void {
    if (summary.direction !== 'out' || !summary.dispatch_state) return;
    this.seen.delete(summary.id);
    this.seen.set(summary.id, summary);
    if (this.seen.size > KEEP_SEEN) this.seen.delete(this.seen.keys().next().value as string);
    let changed = false;
    const sent = this.snapshot.sent.map((entry) => {
      if (!entry.deliveries.some((delivery) => delivery.id === summary.id)) return entry;
      changed = true;
      return {
        ...entry,
        deliveries: entry.deliveries.map((delivery) => (delivery.id === summary.id ? withSummary(delivery, summary) : delivery)),
      };
    });
    if (changed) this.set({ sent });
  }

  private record(title: string, deliveries: OutgoingResult[]): SentEntry {
    const entry: SentEntry = {
      key: this.nextKey++,
      title,
      at: new Date().toISOString(),
      deliveries: deliveries.map((result) => {
        const seen = this.seen.get(result.id);
        return seen ? withSummary(sentDelivery(result), seen) : sentDelivery(result);
      }),
    };
    this.set({ sent: [entry, ...this.snapshot.sent].slice(0, KEEP_SENT) });
    return entry;
  }

  private set(patch: Partial<ComposerSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.notify();
  }
}
