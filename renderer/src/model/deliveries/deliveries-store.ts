import type { DeliveryList, DeliverySummary } from '../../../../shared/api/deliveries.js';
import type { LiveMessage } from '../../../../shared/api/live.js';
import { filtersToQuery, matchesFilters, NO_FILTERS, type DeliveryFilters, type ListQueryParams } from './delivery-filters.js';
import { FrameBatchQueue, type FrameScheduler } from '../common/frame-batch-queue.js';
import { SnapshotStore } from '../common/snapshot-store.js';

export type DeliveryLiveMessage = Extract<LiveMessage, { type: `delivery.${string}` }>;

export interface DeliveryPageSource {
  listDeliveries(query: ListQueryParams & { before?: string; limit?: string }): Promise<DeliveryList>;
}

/** What components subscribe to; a new object whenever anything in the list changed. */
export interface DeliveryListSnapshot {
  version: number;
  /** Bumped when the list starts over (new filters, a resync); rows from before are gone. */
  generation: number;
  count: number;
  /** Rows added above the existing ones since the list started over; views keep the scroll anchored with it. */
  prepended: number;
  filters: DeliveryFilters;
  loaded: boolean;
  loading: boolean;
  hasMore: boolean;
  error: string | null;
  /** The engine's code for the error (e.g. `invalid_query` for a search it cannot read). */
  errorCode: string | null;
}

export const PAGE_SIZE = 100;

/**
 * The inbox list: newest first, paged older by cursor, live arrivals batched per frame.
 * Rows live in two append-only arrays (arrivals on top, pages below), so a live delivery costs
 * O(1) however many rows are loaded, and rows are read by index for the virtualized view.
 */
export class DeliveriesStore extends SnapshotStore<DeliveryListSnapshot> {
  private arrivals: string[] = [];
  private pages: string[] = [];
  private readonly summaries = new Map<string, DeliverySummary>();
  /** Position of each id: >= 0 is an index into pages, < 0 is -(index + 1) into arrivals. */
  private readonly slots = new Map<string, number>();
  private next: string | null = null;
  private readonly queue: FrameBatchQueue<DeliveryLiveMessage>;
  protected snapshot: DeliveryListSnapshot;

  constructor(
    private readonly source: DeliveryPageSource,
    scheduler?: FrameScheduler,
  ) {
    super();
    this.queue = new FrameBatchQueue((batch) => this.applyLive(batch), scheduler);
    this.snapshot = {
      version: 0,
      generation: 0,
      count: 0,
      prepended: 0,
      filters: NO_FILTERS,
      loaded: false,
      loading: false,
      hasMore: false,
      error: null,
      errorCode: null,
    };
  }

  rowAt(index: number): DeliverySummary | undefined {
    const arrivals = this.arrivals.length;
    const id = index < arrivals ? this.arrivals[arrivals - 1 - index] : this.pages[index - arrivals];
    return id === undefined ? undefined : this.summaries.get(id);
  }

  indexOf(id: string): number {
    const slot = this.slots.get(id);
    if (slot === undefined) return -1;
    return slot >= 0 ? this.arrivals.length + slot : this.arrivals.length - 1 - (-slot - 1);
  }

  summary(id: string): DeliverySummary | undefined {
    return this.summaries.get(id);
  }

  /** Starts the list over under new filters and loads the first page. */
  setFilters(filters: DeliveryFilters): Promise<void> {
    this.clear();
    this.update({ filters, generation: this.snapshot.generation + 1 });
    return this.loadMore();
  }

  reload(): Promise<void> {
    return this.setFilters(this.snapshot.filters);
  }

  /** Loads the next older page; a no-op while one is loading or after the last. */
  async loadMore(): Promise<void> {
    const { loading, loaded, generation, filters } = this.snapshot;
    if (loading || (loaded && this.next === null)) return;
    this.update({ loading: true, error: null, errorCode: null });
    const query = { ...filtersToQuery(filters), limit: String(PAGE_SIZE), ...(this.next ? { before: this.next } : {}) };
    try {
      const page = await this.source.listDeliveries(query);
      if (generation !== this.snapshot.generation) return;
      for (const summary of page.items) this.insert(summary, 'page');
      this.next = page.next;
      this.update({ loading: false, loaded: true, hasMore: page.next !== null });
    } catch (error) {
      if (generation !== this.snapshot.generation) return;
      const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : null;
      this.update({ loading: false, error: error instanceof Error ? error.message : String(error), errorCode: code });
    }
  }

  /** After the live feed was down: fetch the newest page and put what was missed on top, or start over if the gap is too wide. */
  async catchUp(): Promise<void> {
    const { generation, filters, loaded } = this.snapshot;
    if (!loaded) return;
    try {
      const page = await this.source.listDeliveries({ ...filtersToQuery(filters), limit: String(PAGE_SIZE) });
      if (generation !== this.snapshot.generation) return;
      const missed = page.items.filter((item) => !this.summaries.has(item.id));
      if (missed.length === page.items.length && page.next !== null && this.snapshot.count > 0) {
        await this.reload();
        return;
      }
      for (const summary of missed.reverse()) this.insert(summary, 'top');
      this.update({});
    } catch {
      // The next reconnect tries again; the list keeps what it has.
    }
  }

  /** Queues a live message; the batch is applied on the next animation frame. */
  receive(message: DeliveryLiveMessage): void {
    this.queue.push(message);
  }

  private applyLive(batch: DeliveryLiveMessage[]): void {
    const { filters } = this.snapshot;
    let removed = false;
    for (const message of batch) {
      if (message.type === 'delivery.deleted') {
        if (this.summaries.delete(message.id)) removed = true;
        continue;
      }
      const summary = message.delivery;
      if (this.summaries.has(summary.id)) {
        this.summaries.set(summary.id, summary);
      } else if (matchesFilters(summary, filters, filters.inbox || null) && this.isNewerThanTop(summary)) {
        // An update can be the first we hear of a delivery that only now matches (its response status arrived).
        this.insert(summary, 'top');
      }
    }
    if (removed) this.compact();
    this.update({});
  }

  private isNewerThanTop(summary: DeliverySummary): boolean {
    const top = this.rowAt(0);
    return top === undefined || summary.received_at >= top.received_at;
  }

  private insert(summary: DeliverySummary, where: 'top' | 'page'): void {
    if (this.summaries.has(summary.id)) {
      this.summaries.set(summary.id, summary);
      return;
    }
    this.summaries.set(summary.id, summary);
    if (where === 'top') {
      this.arrivals.push(summary.id);
      this.slots.set(summary.id, -this.arrivals.length);
      this.snapshot = { ...this.snapshot, prepended: this.snapshot.prepended + 1 };
    } else {
      this.pages.push(summary.id);
      this.slots.set(summary.id, this.pages.length - 1);
    }
  }

  /** Drops deleted ids from the row arrays; deletes are rare, so a rebuild is fine. */
  private compact(): void {
    const ordered: string[] = [];
    for (let i = this.arrivals.length - 1; i >= 0; i -= 1) ordered.push(this.arrivals[i]);
    ordered.push(...this.pages);
    this.arrivals = [];
    this.pages = ordered.filter((id) => this.summaries.has(id));
    this.slots.clear();
    this.pages.forEach((id, index) => this.slots.set(id, index));
  }

  private clear(): void {
    this.arrivals = [];
    this.pages = [];
    this.summaries.clear();
    this.slots.clear();
    this.next = null;
    this.snapshot = { ...this.snapshot, prepended: 0, loaded: false, loading: false, hasMore: false, error: null, errorCode: null };
  }

  private update(patch: Partial<DeliveryListSnapshot>): void {
    this.snapshot = {
      ...this.snapshot,
      ...patch,
      version: this.snapshot.version + 1,
      count: this.arrivals.length + this.pages.length,
    };
    this.notify();
  }
}
