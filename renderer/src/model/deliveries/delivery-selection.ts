import type { DeliveriesStore } from './deliveries-store.js';
import { filtersToQuery, type DeliveryFilters } from './delivery-filters.js';
import { SnapshotStore } from '../common/snapshot-store.js';

/** Where rows stand in the list right now (newest first); read when needed, never stored. */
export interface RowOrder {
  readonly count: number;
  indexOf(id: string): number;
  rowAt(index: number): { id: string } | undefined;
}

/** Deliveries picked by hand in the list. Kept as ids, never row indexes or DOM rows, so arrivals, paging and deletes leave it intact. */
export interface DeliverySelection {
  ids: ReadonlySet<string>;
  /** The row a shift-click extends from: the last one toggled. */
  anchor: string | null;
  /** Why the list emptied the selection by itself, so the view can say so; null after any choice of the user. */
  cleared: 'filters' | 'reload' | null;
}

export const NO_SELECTION: DeliverySelection = { ids: new Set(), anchor: null, cleared: null };

export function toggleSelected(selection: DeliverySelection, id: string): DeliverySelection {
  const ids = new Set(selection.ids);
  if (!ids.delete(id)) ids.add(id);
  return { ids, anchor: id, cleared: null };
}

/** Shift-click: every row from the anchor to this one takes the state the clicked row gets; without an anchor in the list, a plain toggle. */
export function selectRange(selection: DeliverySelection, id: string, rows: RowOrder): DeliverySelection {
  const from = selection.anchor === null ? -1 : rows.indexOf(selection.anchor);
  const to = rows.indexOf(id);
  if (from === -1 || to === -1) return toggleSelected(selection, id);
  const select = !selection.ids.has(id);
  const ids = new Set(selection.ids);
  for (let index = Math.min(from, to); index <= Math.max(from, to); index += 1) {
    const row = rows.rowAt(index);
    if (!row) continue;
    if (select) ids.add(row.id);
    else ids.delete(row.id);
  }
  return { ids, anchor: id, cleared: null };
}

/** Every row loaded so far; rows further down that were never paged in are not part of it. */
export function selectAllLoaded(selection: DeliverySelection, rows: RowOrder): DeliverySelection {
  const ids = new Set(selection.ids);
  for (let index = 0; index < rows.count; index += 1) {
    const row = rows.rowAt(index);
    if (row) ids.add(row.id);
  }
  return { ids, anchor: selection.anchor, cleared: null };
}

/** Drops ids that left the list (deleted); the same object when nothing went, so views do not re-render. */
export function keepPresent(selection: DeliverySelection, isPresent: (id: string) => boolean): DeliverySelection {
  const ids = [...selection.ids].filter(isPresent);
  if (ids.length === selection.ids.size) return selection;
  return {
    ids: new Set(ids),
    anchor: selection.anchor !== null && isPresent(selection.anchor) ? selection.anchor : null,
    cleared: selection.cleared,
  };
}

/** The list started over: under new filters the picked rows may not be shown, so nothing stays picked out of sight. */
export function afterListRestart(selection: DeliverySelection, filtersChanged: boolean): DeliverySelection {
  if (selection.ids.size === 0) return selection.cleared === null ? selection : NO_SELECTION;
  return { ...NO_SELECTION, cleared: filtersChanged ? 'filters' : 'reload' };
}

/** Oldest first, as the engine sends them: the list is newest first, so a higher index arrived earlier. */
export function inArrivalOrder(selection: DeliverySelection, rows: Pick<RowOrder, 'indexOf'>): string[] {
  return [...selection.ids]
    .map((id) => ({ id, index: rows.indexOf(id) }))
    .filter((entry) => entry.index >= 0)
    .sort((a, b) => b.index - a.index)
    .map((entry) => entry.id);
}

const filtersKey = (filters: DeliveryFilters) => JSON.stringify(filtersToQuery(filters));

/** The selection of the inbox list, following the list: cleared when it starts over, pruned when rows are deleted. */
export class DeliverySelectionStore extends SnapshotStore<DeliverySelection> {
  protected snapshot: DeliverySelection = NO_SELECTION;
  private generation: number;
  private filters: string;

  constructor(private readonly list: DeliveriesStore) {
    super();
    const { generation, filters } = list.getSnapshot();
    this.generation = generation;
    this.filters = filtersKey(filters);
    list.subscribe(() => this.follow());
  }

  toggle(id: string): void {
    this.set(toggleSelected(this.snapshot, id));
  }

  extendTo(id: string): void {
    this.set(selectRange(this.snapshot, id, this.rows()));
  }

  selectAllLoaded(): void {
    this.set(selectAllLoaded(this.snapshot, this.rows()));
  }

  clear(): void {
    this.set(NO_SELECTION);
  }

  inArrivalOrder(): string[] {
    return inArrivalOrder(this.snapshot, this.list);
  }

  private rows(): RowOrder {
    const list = this.list;
    return { count: list.getSnapshot().count, indexOf: (id) => list.indexOf(id), rowAt: (index) => list.rowAt(index) };
  }

  private follow(): void {
    const { generation, filters } = this.list.getSnapshot();
    if (generation !== this.generation) {
      const key = filtersKey(filters);
      const filtersChanged = key !== this.filters;
      this.generation = generation;
      this.filters = key;
      this.set(afterListRestart(this.snapshot, filtersChanged));
      return;
    }
    if (this.snapshot.ids.size > 0) this.set(keepPresent(this.snapshot, (id) => this.list.summary(id) !== undefined));
  }

  private set(next: DeliverySelection): void {
    if (next === this.snapshot) return;
    this.snapshot = next;
    this.notify();
  }
}
