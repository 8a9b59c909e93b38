import type { DeliverySummary } from '../../../../shared/api/deliveries.js';
import type { Inbox, InboxPatch } from '../../../../shared/api/inboxes.js';
import type { Integration, OutgoingResult } from '../../../../shared/api/integrations.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import { labFailure, labFailureRule, labTarget, newerIntegration, pointsAtInbox, type LabFailure } from './failure-lab.js';
import { AUTO_DISABLE_AFTER } from '../../../../shared/inboundflow/auto-disable.js';
import type { LiveFeed } from '../common/live-feed.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export interface FailureLabSource {
  listIntegrations(): Promise<Integration[]>;
  createIntegration(name: string, url: string): Promise<Integration>;
  getIntegration(id: string): Promise<Integration>;
  setIntegrationUrl(id: string, url: string): Promise<Integration>;
  enableIntegration(id: string): Promise<Integration>;
  fireOne(integrationId: string, event: Integration['events'][number]): Promise<OutgoingResult>;
  updateInbox(id: string, patch: InboxPatch): Promise<Inbox>;
  recentArrivals(inboxId: string): Promise<DeliverySummary[]>;
}

export type LabPhase = 'idle' | 'preparing' | 'streak' | 'disabled' | 'enabling' | 'enabled' | 'recovering' | 'recovered' | 'stopped';

/** One event fired by the lab: the outgoing delivery and the delivery it became in the inbox. */
export interface LabStep {
  n: number;
  run: 'streak' | 'recovery';
  outgoing: OutgoingResult;
  /** The inbox delivery with the same delivery id; null if it could not be found. */
  arrivalId: string | null;
  countAfter: number;
  enabledAfter: boolean;
}

export interface FailureLabSnapshot {
  integrations: Integration[];
  loaded: boolean;
  integrationId: string;
  inboxId: string;
  failure: LabFailure;
  phase: LabPhase;
  /** The chosen integration as last heard (live updates included). */
  integration: Integration | null;
  steps: LabStep[];
  /** What the run changed, in order ("Pointed … at …"). */
  notes: string[];
  /** The integration's URL before the lab pointed it at the inbox, to put back. */
  previousUrl: string | null;
  stopRequested: boolean;
  error: string | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The failure lab: points an integration at an inbox that fails every request, fires events one by
 * one until the dispatch engine auto-disables it, then re-enables it and proves recovery. Everything
 * goes through the public API, so every step is a real outgoing delivery and a real inbox delivery.
 */
export class FailureLabStore extends SnapshotStore<FailureLabSnapshot> {
  protected snapshot: FailureLabSnapshot = {
    integrations: [],
    loaded: false,
    integrationId: '',
    inboxId: '',
    failure: 'http_500',
    phase: 'idle',
    integration: null,
    steps: [],
    notes: [],
    previousUrl: null,
    stopRequested: false,
    error: null,
  };

  constructor(
    private readonly source: FailureLabSource,
    feed: LiveFeed,
  ) {
    super();
    feed.subscribe((live) => this.receive(live));
    feed.onResumed(() => void this.load());
  }

  get busy(): boolean {
    return ['preparing', 'streak', 'enabling', 'recovering'].includes(this.snapshot.phase);
  }

  async load(): Promise<void> {
    try {
      const integrations = await this.source.listIntegrations();
      const { integrationId } = this.snapshot;
      const chosen = integrations.some((item) => item.id === integrationId) ? integrationId : (integrations[0]?.id ?? '');
      this.set({
        integrations,
        loaded: true,
        integrationId: chosen,
        integration: integrations.find((item) => item.id === chosen) ?? null,
        error: null,
      });
    } catch (error) {
      this.set({ loaded: true, error: message(error) });
    }
  }

  /** For a first run with no integration yet: a custom one pointing at the inbox. */
  async createLabIntegration(inbox: Inbox): Promise<void> {
    if (this.busy) return;
    try {
      const integration = await this.source.createIntegration('Failure lab', labTarget(inbox));
      const integrations = this.snapshot.integrations.some((item) => item.id === integration.id)
        ? this.snapshot.integrations
        : [...this.snapshot.integrations, integration];
      this.set({ integrations, integrationId: integration.id, integration, error: null, phase: 'idle', steps: [], notes: [] });
    } catch (error) {
      this.set({ error: message(error) });
    }
  }

  /** Changing what the lab works on starts a fresh page; not while a run is going. */
  choose(patch: Partial<Pick<FailureLabSnapshot, 'integrationId' | 'inboxId' | 'failure'>>): void {
    if (this.busy) return;
    const integrationId = patch.integrationId ?? this.snapshot.integrationId;
    const changedTarget =
      integrationId !== this.snapshot.integrationId || (patch.inboxId !== undefined && patch.inboxId !== this.snapshot.inboxId);
    this.set({
      ...patch,
      integration: this.snapshot.integrations.find((item) => item.id === integrationId) ?? null,
      ...(changedTarget ? { phase: 'idle' as const, steps: [], notes: [], previousUrl: null, error: null } : {}),
    });
  }

  stop(): void {
    if (this.snapshot.phase === 'streak' || this.snapshot.phase === 'preparing') this.set({ stopRequested: true });
  }

  /** Sets the trap and fires until the integration is auto-disabled (or Stop is pressed). */
  async run(inbox: Inbox): Promise<void> {
    const { integrationId, failure } = this.snapshot;
    if (this.busy || !integrationId) return;
    this.set({ phase: 'preparing', steps: [], notes: [], error: null, stopRequested: false, previousUrl: null });
    try {
      let integration = await this.source.getIntegration(integrationId);
      this.adopt(integration);
      if (!pointsAtInbox(integration, inbox)) {
        const previousUrl = integration.url;
        integration = await this.source.setIntegrationUrl(integration.id, labTarget(inbox));
        this.adopt(integration);
        this.set({ previousUrl });
        this.note(`Pointed ${integration.name} at ${labTarget(inbox)} (was ${previousUrl}).`);
      }
      if (!integration.enabled) {
        integration = await this.source.enableIntegration(integration.id);
        this.adopt(integration);
        this.note(`Re-enabled ${integration.name} first: it was disabled.`);
      }
      if (integration.consecutive_failures > 0)
        this.note(
          `${integration.name} already had ${integration.consecutive_failures} failures in a row; the streak continues from there.`,
        );
      await this.source.updateInbox(inbox.id, { failure: labFailureRule(failure) });
      this.note(`${inbox.name} now fails every request: ${labFailure(failure).label}.`);
      this.set({ phase: 'streak' });
      await this.streak(integration, inbox);
    } catch (error) {
      this.set({ phase: 'stopped', error: message(error) });
    }
  }

  private async streak(start: Integration, inbox: Inbox): Promise<void> {
    const event = start.events[0];
    // A little slack over the threshold: if the engine never disables, the lab says so instead of firing forever.
    const limit = AUTO_DISABLE_AFTER - start.consecutive_failures + 2;
    for (let n = 1; n <= limit; n += 1) {
      if (this.snapshot.stopRequested) {
        this.set({ phase: 'stopped', stopRequested: false });
        return;
      }
      const step = await this.fire('streak', n, start.id, event, inbox);
      if (!step.enabledAfter || step.outgoing.state === 'skipped') {
        this.set({ phase: 'disabled', stopRequested: false });
        return;
      }
      if (step.outgoing.state === 'delivered') {
        this.set({
          phase: 'stopped',
          error: `${inbox.name} answered ${step.outgoing.response_status}: its failure rule is no longer set, so the streak broke. Run again to set it.`,
        });
        return;
      }
    }
    this.set({
      phase: 'stopped',
      error: `${this.snapshot.integration?.name ?? 'The integration'} is still enabled after ${limit} failures; check its failure count on the Integrations tab.`,
    });
  }

  async reenable(): Promise<void> {
    const integration = this.snapshot.integration;
    if (this.busy || !integration) return;
    this.set({ phase: 'enabling', error: null });
    try {
      this.adopt(await this.source.enableIntegration(integration.id));
      this.set({ phase: 'enabled' });
    } catch (error) {
      this.set({ phase: 'disabled', error: message(error) });
    }
  }

  /** Clears the inbox's failure rule and fires one event: it should be delivered and the count go back to 0. */
  async recover(inbox: Inbox): Promise<void> {
    const integration = this.snapshot.integration;
    if (this.busy || !integration) return;
    this.set({ phase: 'recovering', error: null });
    try {
      await this.source.updateInbox(inbox.id, { failure: null });
      this.note(`Cleared ${inbox.name}'s failure rule.`);
      const step = await this.fire('recovery', 1, integration.id, integration.events[0], inbox);
      if (step.outgoing.state !== 'delivered') {
        this.set({
          phase: 'enabled',
          error: `The recovery delivery ${step.outgoing.state}${step.outgoing.error_class ? ` (${step.outgoing.error_class})` : ''}; see the outgoing delivery for why.`,
        });
        return;
      }
      this.set({ phase: 'recovered' });
    } catch (error) {
      this.set({ phase: 'enabled', error: message(error) });
    }
  }

  /** Points the integration back where it was before the lab moved it. */
  async restoreUrl(): Promise<void> {
    const { integration, previousUrl } = this.snapshot;
    if (this.busy || !integration || !previousUrl) return;
    try {
      this.adopt(await this.source.setIntegrationUrl(integration.id, previousUrl));
      this.note(`Pointed ${integration.name} back at ${previousUrl}.`);
      this.set({ previousUrl: null, error: null });
    } catch (error) {
      this.set({ error: message(error) });
    }
  }

  private async fire(
    run: LabStep['run'],
    n: number,
    integrationId: string,
    event: Integration['events'][number],
    inbox: Inbox,
  ): Promise<LabStep> {
    const outgoing = await this.source.fireOne(integrationId, event);
    const [integration, arrivals] = await Promise.all([this.source.getIntegration(integrationId), this.source.recentArrivals(inbox.id)]);
    this.adopt(integration);
    const current = this.snapshot.integration ?? integration;
    const step: LabStep = {
      n,
      run,
      outgoing,
      arrivalId: arrivals.find((arrival) => arrival.delivery_id === outgoing.delivery_id)?.id ?? null,
      countAfter: current.consecutive_failures,
      enabledAfter: current.enabled,
    };
    this.set({ steps: [...this.snapshot.steps, step] });
    return step;
  }

  private receive(live: LiveMessage): void {
    if (live.type === 'integration.created' || live.type === 'integration.updated') {
      const integrations = this.snapshot.integrations.some((item) => item.id === live.integration.id)
        ? this.snapshot.integrations.map((item) => (item.id === live.integration.id ? newerIntegration(item, live.integration) : item))
        : [...this.snapshot.integrations, live.integration];
      const integrationId = this.snapshot.integrationId || live.integration.id;
      const integration =
        live.integration.id === integrationId ? newerIntegration(this.snapshot.integration, live.integration) : this.snapshot.integration;
      this.set({ integrations, integration, integrationId });
    } else if (live.type === 'integration.deleted') {
      const integrations = this.snapshot.integrations.filter((item) => item.id !== live.id);
      if (live.id !== this.snapshot.integrationId) this.set({ integrations });
      else
        this.set({
          integrations,
          integration: integrations[0] ?? null,
          integrationId: integrations[0]?.id ?? '',
          phase: 'idle',
          steps: [],
          notes: [],
          previousUrl: null,
        });
    }
  }

  private adopt(integration: Integration): void {
    const newer = newerIntegration(this.snapshot.integration, integration);
    this.set({
      integration: newer,
      integrations: this.snapshot.integrations.map((item) => (item.id === newer.id ? newer : item)),
    });
  }

  private note(text: string): void {
    this.set({ notes: [...this.snapshot.notes, text] });
  }

  private set(patch: Partial<FailureLabSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.notify();
  }
}
