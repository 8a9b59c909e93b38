import { useCallback, useRef, useState } from 'react';
import { useNavigation, type DeliveryFocus } from '../../model/common/navigation-context.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { DeliveryDetail } from '../delivery/DeliveryDetail.js';
import { DeliveryList } from './DeliveryList.js';
import { FilterBar } from './FilterBar.js';
import { ListActions } from './ListActions.js';
import { useInboxKeys } from './use-inbox-keys.js';
import './DeliveriesView.css';

/** The two-pane inbox: filters and the live list on the left, the open delivery on the right. */
export function DeliveriesView() {
  const { deliveries, selection } = useWorkbench();
  const [cursorId, setCursorId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { focus } = useNavigation();

  // A request to open a delivery (from a replay, a lab step) moves the cursor there and opens it, once per request.
  const [handledFocus, setHandledFocus] = useState<DeliveryFocus | null>(null);
  if (focus !== handledFocus) {
    setHandledFocus(focus);
    if (focus) {
      setCursorId(focus.id);
      setOpenId(focus.id);
    }
  }

  const moveCursor = useCallback(
    (delta: number) => {
      const { count } = deliveries.getSnapshot();
      if (count === 0) return;
      const current = cursorId ? deliveries.indexOf(cursorId) : -1;
      const next = current === -1 ? 0 : Math.max(0, Math.min(count - 1, current + delta));
      const row = deliveries.rowAt(next);
      if (row) setCursorId(row.id);
    },
    [cursorId, deliveries],
  );

  const select = useCallback(
    (id: string, extend: boolean) => {
      setCursorId(id);
      if (extend) selection.extendTo(id);
      else selection.toggle(id);
    },
    [selection],
  );

  useInboxKeys({
    onMove: moveCursor,
    onOpen: () => cursorId && setOpenId(cursorId),
    onClose: () => setOpenId(null),
    onSearch: () => searchRef.current?.focus(),
    onSelect: (extend) => cursorId && select(cursorId, extend),
  });

  const open = useCallback((id: string) => {
    setCursorId(id);
    setOpenId(id);
  }, []);

  return (
    <div className="deliveries-view">
      <section className="deliveries-view__list" aria-label="Deliveries">
        <h1 className="visually-hidden">Deliveries</h1>
        <FilterBar searchRef={searchRef} />
        <ListActions />
        <DeliveryList cursorId={cursorId} openId={openId} onOpen={open} onSelect={select} onCursor={setCursorId} />
      </section>
      <section className="deliveries-view__detail" aria-label="Delivery detail">
        <h2 className="visually-hidden">Delivery detail</h2>
        <DeliveryDetail id={openId} onDeleted={() => setOpenId(null)} />
      </section>
    </div>
  );
}
