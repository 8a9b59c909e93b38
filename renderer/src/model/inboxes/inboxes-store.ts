import type { Inbox, InboxCreate, InboxPatch } from '../../../../shared/api/inboxes.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import { FrameBatchQueue, type FrameScheduler } from '../common/frame-batch-queue.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export type InboxLiveMessage = Extract<LiveMessage, { type: `inbox.${string}` }>;

export interface InboxSource {
  listInboxes(): Promise<Inbox[]>;
  createInbox(body: InboxCreate): Promise<Inbox>;
  updateInbox(id: string, patch: InboxPatch): Promise<Inbox>;
  deleteInbox(id: string): Promise<void>;
  clearInbox?(id: string): Promise<ClearResult>;
}

/** What "clear inbox" answers. */
export interface ClearResult {
  ok: true;
  removed: number;
  kept_pinned: number;
}

export interface InboxesSnapshot {
  inboxes: Inbox[];
  loaded: boolean;
  error: string | null;
}

/** The inboxes, oldest first, kept current by the live feed and by the answers to our own edits. */
export class InboxesStore extends SnapshotStore<InboxesSnapshot> {
  protected snapshot: InboxesSnapshot = { inboxes: [], loaded: false, error: null };
  /** +1/-1 per delivery and inbox id, applied once per frame: the engine sends no inbox update per delivery. */
  private readonly counts: FrameBatchQueue<[string, number, number]>;

  constructor(
    private readonly source: InboxSource,
    scheduler?: FrameScheduler,
  ) {
    super();
    this.counts = new FrameBatchQueue((batch) => this.applyCounts(batch), scheduler);
  }

  byId(id: string | null): Inbox | undefined {
    return id === null ? undefined : this.snapshot.inboxes.find((inbox) => inbox.id === id);
  }

  async load(): Promise<void> {
    try {
      const inboxes = await this.source.listInboxes();
      this.set({ inboxes, loaded: true, error: null });
    } catch (error) {
      this.set({ ...this.snapshot, loaded: true, error: error instanceof Error ? error.message : String(error) });
    }
  }

  async create(body: InboxCreate): Promise<Inbox> {
    const inbox = await this.source.createInbox(body);
    this.upsert(inbox);
    return inbox;
  }

  async rename(id: string, name: string): Promise<void> {
    this.upsert(await this.source.updateInbox(id, { name }));
  }

  /**
   * Sets the signing secret. The engine keeps the old one as previous_secret (a rotation) unless
   * `replaceMistake` says the old one was never right (a mis-pasted copy of this one), which ends any rotation.
   */
  async setSecret(id: string, secret: string, { replaceMistake = false } = {}): Promise<Inbox> {
    const inbox = await this.source.updateInbox(id, replaceMistake ? { secret, previous_secret: null } : { secret });
    this.upsert(inbox);
    return inbox;
  }

  /** How the inbox answers: forward-to, scripted response, failure rule. Any save restarts the rule's count. */
  async configureAnswers(
    id: string,
    patch: Pick<InboxPatch, 'forward_to' | 'forward_timeout_ms' | 'response' | 'failure'>,
  ): Promise<Inbox> {
    const inbox = await this.source.updateInbox(id, patch);
    this.upsert(inbox);
    return inbox;
  }

  /** Ends a rotation: only the current secret verifies from now on. */
  async endRotation(id: string): Promise<void> {
    this.upsert(await this.source.updateInbox(id, { previous_secret: null }));
  }

  /** Retention: `null` for a kind means no limit. */
  async setRetention(id: string, retention: { max_count: number | null; max_age_hours: number | null }): Promise<void> {
    this.upsert(await this.source.updateInbox(id, { retention }));
  }

  /** Removes every unpinned delivery; the inbox's count is read again from the engine. */
  async clear(id: string): Promise<ClearResult> {
    if (!this.source.clearInbox) throw new Error('Clearing inboxes is not available.');
    const result = await this.source.clearInbox(id);
    await this.load();
    return result;
  }

  async remove(id: string): Promise<void> {
    await this.source.deleteInbox(id);
    this.drop(id);
  }

  /** A delivery arrived in (+1) or was deleted from (-1) an inbox; `duplicate` when its delivery_id was seen there before. */
  countDelivery(inboxId: string, delta: 1 | -1, duplicate = false): void {
    this.counts.push([inboxId, delta, duplicate ? delta : 0]);
  }

  receive(message: InboxLiveMessage): void {
    if (message.type === 'inbox.deleted') this.drop(message.id);
    else this.upsert(message.inbox);
  }

  private applyCounts(batch: [string, number, number][]): void {
    const deltas = new Map<string, [number, number]>();
    for (const [id, delta, duplicates] of batch) {
      const [all, dup] = deltas.get(id) ?? [0, 0];
      deltas.set(id, [all + delta, dup + duplicates]);
    }
    const inboxes = this.snapshot.inboxes.map((inbox) => {
      const delta = deltas.get(inbox.id);
      if (!delta) return inbox;
      const duplicates = inbox.duplicate_count === undefined ? undefined : Math.max(0, inbox.duplicate_count + delta[1]);
      return { ...inbox, delivery_count: Math.max(0, inbox.delivery_count + delta[0]), duplicate_count: duplicates };
    });
    this.set({ ...this.snapshot, inboxes });
  }

  private upsert(inbox: Inbox): void {
    const inboxes = this.snapshot.inboxes;
    const index = inboxes.findIndex((existing) => existing.id === inbox.id);
    const next = index === -1 ? [...inboxes, inbox] : inboxes.map((existing, i) => (i === index ? inbox : existing));
    this.set({ ...this.snapshot, inboxes: next });
  }

  private drop(id: string): void {
    this.set({ ...this.snapshot, inboxes: this.snapshot.inboxes.filter((inbox) => inbox.id !== id) });
  }

  private set(snapshot: InboxesSnapshot): void {
    this.snapshot = snapshot;
    this.notify();
  }
}
