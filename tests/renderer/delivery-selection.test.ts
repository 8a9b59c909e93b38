import { describe, expect, it } from 'vitest';
import type { DeliveryList, DeliverySummary } from '../../shared/api/deliveries.js';
import { bulkReplayBody } from '../../renderer/src/model/deliveries/bulk-replay-request.js';
import { DeliveriesStore, type DeliveryPageSource } from '../../renderer/src/model/deliveries/deliveries-store.js';
import { NO_FILTERS } from '../../renderer/src/model/deliveries/delivery-filters.js';
import {
  DeliverySelectionStore,
  inArrivalOrder,
  keepPresent,
  NO_SELECTION,
  selectAllLoaded,
  selectRange,
  toggleSelected,
  type RowOrder,
} from '../../renderer/src/model/deliveries/delivery-selection.js';
import type { FrameScheduler } from '../../renderer/src/model/common/frame-batch-queue.js';
import { summary } from './support/summary-fixture.js';

/** Rows d6 … d1, newest first, as the list shows them. */
function rows(ids: string[]): RowOrder {
  return {
    count: ids.length,
    indexOf: (id) => ids.indexOf(id),
    rowAt: (index) => (ids[index] === undefined ? undefined : { id: ids[index] }),
  };
}
const SHOWN = rows(['d6', 'd5', 'd4', 'd3', 'd2', 'd1']);
const picked = (selection: { ids: ReadonlySet<string> }) => [...selection.ids].sort();

/** A page source over a fixed newest-first list. */
function source(all: DeliverySummary[]): DeliveryPageSource {
  return {
    listDeliveries(query): Promise<DeliveryList> {
      const start = query.before ? all.findIndex((d) => d.id === query.before) + 1 : 0;
      const items = all.slice(start, start + Number(query.limit));
      return Promise.resolve({ items, next: start + items.length < all.length ? items[items.length - 1].id : null });
    },
  };
}

function manualFrames(): FrameScheduler & { flush(): void } {
  let callbacks: (() => void)[] = [];
  return {
    request(callback) {
      callbacks.push(callback);
    },
    flush() {
      const run = callbacks;
      callbacks = [];
      run.forEach((cb) => cb());
    },
  };
}

async function listWithSelection(count: number) {
  const frames = manualFrames();
  const all = Array.from({ length: count }, (_, i) => summary(count - i));
  const list = new DeliveriesStore(source(all), frames);
  const selection = new DeliverySelectionStore(list);
  await list.reload();
  return { list, selection, frames };
}

describe('delivery selection', () => {
  it('toggles a row on and off and anchors range picks at it', () => {
    const once = toggleSelected(NO_SELECTION, 'd3');
    expect(picked(once)).toEqual(['d3']);
    expect(once.anchor).toBe('d3');
    const twice = toggleSelected(once, 'd3');
    expect(picked(twice)).toEqual([]);
  });

  it('shift-picks every row between the anchor and the clicked one, in either direction', () => {
    const down = selectRange(toggleSelected(NO_SELECTION, 'd5'), 'd2', SHOWN);
    expect(picked(down)).toEqual(['d2', 'd3', 'd4', 'd5']);
    expect(down.anchor).toBe('d2');
    const up = selectRange(toggleSelected(NO_SELECTION, 'd2'), 'd4', SHOWN);
    expect(picked(up)).toEqual(['d2', 'd3', 'd4']);
  });

  it('shift-click on a picked row unpicks the range; without an anchor it is a plain toggle', () => {
    const all = selectAllLoaded(toggleSelected(NO_SELECTION, 'd6'), SHOWN);
    expect(picked(selectRange(all, 'd3', SHOWN))).toEqual(['d1', 'd2']);
    expect(picked(selectRange(NO_SELECTION, 'd3', SHOWN))).toEqual(['d3']);
    // An anchor no longer in the list (deleted) cannot start a range.
    expect(picked(selectRange({ ...toggleSelected(NO_SELECTION, 'gone'), ids: new Set() }, 'd3', SHOWN))).toEqual(['d3']);
  });

  it('selects all loaded rows, keeping what was picked', () => {
    expect(picked(selectAllLoaded(NO_SELECTION, SHOWN))).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
    expect(picked(selectAllLoaded(toggleSelected(NO_SELECTION, 'elsewhere'), rows(['d1'])))).toEqual(['d1', 'elsewhere']);
  });

  it('gives the picked ids oldest first whatever order they were picked in', () => {
    const selection = ['d2', 'd6', 'd4'].reduce(toggleSelected, NO_SELECTION);
    expect(inArrivalOrder(selection, SHOWN)).toEqual(['d2', 'd4', 'd6']);
  });

  it('drops ids that left the list and keeps the same object when none did', () => {
    const selection = ['d2', 'd4'].reduce(toggleSelected, NO_SELECTION);
    expect(keepPresent(selection, () => true)).toBe(selection);
    const pruned = keepPresent(selection, (id) => id !== 'd4');
    expect(picked(pruned)).toEqual(['d2']);
    expect(pruned.anchor).toBeNull();
  });
});

describe('selection store following the list', () => {
  it('keeps the picked ids through live arrivals, and ranges use the rows as they stand now', async () => {
    const { list, selection, frames } = await listWithSelection(4);
    selection.toggle('d3');
    list.receive({ type: 'delivery.created', delivery: summary(5) });
    list.receive({ type: 'delivery.created', delivery: summary(6) });
    frames.flush();
    expect(list.indexOf('d3')).toBe(3);
    expect(picked(selection.getSnapshot())).toEqual(['d3']);
    selection.extendTo('d5');
    expect(picked(selection.getSnapshot())).toEqual(['d3', 'd4', 'd5']);
    expect(selection.inArrivalOrder()).toEqual(['d3', 'd4', 'd5']);
  });

  it('drops a deleted delivery when its delivery.deleted frame is applied', async () => {
    const { list, selection, frames } = await listWithSelection(5);
    selection.toggle('d2');
    selection.extendTo('d4');
    list.receive({ type: 'delivery.deleted', id: 'd3' });
    expect(picked(selection.getSnapshot())).toEqual(['d2', 'd3', 'd4']);
    frames.flush();
    expect(picked(selection.getSnapshot())).toEqual(['d2', 'd4']);
    expect(selection.inArrivalOrder()).toEqual(['d2', 'd4']);
  });

  it('is cleared when the filters change, and says why', async () => {
    const { list, selection } = await listWithSelection(5);
    selection.selectAllLoaded();
    expect(selection.getSnapshot().ids.size).toBe(5);
    await list.setFilters({ ...NO_FILTERS, status: '2xx' });
    expect(selection.getSnapshot()).toMatchObject({ anchor: null, cleared: 'filters' });
    expect(selection.getSnapshot().ids.size).toBe(0);
    // The next pick starts afresh and the note goes.
    selection.toggle('d1');
    expect(selection.getSnapshot()).toMatchObject({ cleared: null });
  });

  it('is cleared as a reload, not a filter change, when the list starts over under the same filters', async () => {
    const { list, selection } = await listWithSelection(3);
    selection.toggle('d1');
    await list.reload();
    expect(selection.getSnapshot()).toMatchObject({ cleared: 'reload' });
    selection.clear();
    expect(selection.getSnapshot()).toBe(NO_SELECTION);
  });
});

describe('bulk replay of the selection', () => {
  const draft = {
    receivedOnly: true,
    target: 'custom' as const,
    customUrl: 'http://127.0.0.1:4000/hooks',
    mode: 'exact' as const,
    secret: '',
  };

  it('sends the picked ids in arrival order instead of the filter', async () => {
    const { selection } = await listWithSelection(6);
    selection.toggle('d5');
    selection.toggle('d1');
    selection.extendTo('d3');
    expect(bulkReplayBody({ ids: selection.inArrivalOrder() }, draft)).toEqual({
      ok: true,
      body: { mode: 'exact', ids: ['d1', 'd2', 'd3', 'd5'], target: 'http://127.0.0.1:4000/hooks' },
    });
  });

  it('refuses more ids than the engine takes in one job', () => {
    const ids = Array.from({ length: 10_001 }, (_, n) => `d${n}`);
    expect(bulkReplayBody({ ids }, draft)).toMatchObject({ ok: false, error: expect.stringContaining('at most 10,000') });
  });
});
