import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { hasActiveFilters } from '../../model/deliveries/delivery-filters.js';
import { outgoingTarget } from '../../model/common/outgoing-target.js';
import { useInboxes, useDeliveryList, useDeliverySelection, useIntegrations } from '../../model/common/use-stores.js';
import { useNow } from '../../model/common/use-now.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { DeliveryRow, ROW_HEIGHT } from './DeliveryRow.js';
import { EmptyInbox } from './EmptyInbox.js';
import { SelectionBar } from './SelectionBar.js';
import './DeliveryList.css';

/** Load the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 40;

interface DeliveryListProps {
  cursorId: string | null;
  openId: string | null;
  onOpen: (id: string) => void;
  onSelect: (id: string, extend: boolean) => void;
  onCursor: (id: string) => void;
}

/** The virtualized inbox: renders only the visible rows, pages older ones in as you scroll. */
export function DeliveryList({ cursorId, openId, onOpen, onSelect, onCursor }: DeliveryListProps) {
  const { deliveries } = useWorkbench();
  const list = useDeliveryList();
  const selection = useDeliverySelection();
  const { inboxes } = useInboxes();
  const { integrations } = useIntegrations();
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef({ generation: list.generation, prepended: list.prepended });

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here to skip it, and no memoized child gets its functions
  const virtualizer = useVirtualizer({
    count: list.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => deliveries.rowAt(index)?.id ?? index,
  });

  // Rows that arrive on top must not push what the reader is looking at out of view.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const previous = anchor.current;
    anchor.current = { generation: list.generation, prepended: list.prepended };
    if (!element || previous.generation !== list.generation) {
      if (element) element.scrollTop = 0;
      return;
    }
    const added = list.prepended - previous.prepended;
    if (added > 0 && element.scrollTop > 0) element.scrollTop += added * ROW_HEIGHT;
  }, [list.generation, list.prepended]);

  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (list.hasMore && !list.loading && !list.error && lastIndex >= list.count - PREFETCH_ROWS) void deliveries.loadMore();
  }, [lastIndex, list.count, list.hasMore, list.loading, list.error, deliveries]);

  useEffect(() => {
    if (!cursorId) return;
    const index = deliveries.indexOf(cursorId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [cursorId, deliveries, virtualizer]);

  if (list.loaded && list.count === 0 && !list.error) {
    return hasActiveFilters(list.filters) ? (
      <div className="delivery-list">
        {selection.cleared && <SelectionBar />}
        <div className="delivery-list__none" data-testid="no-matches">
          <p>No deliveries match these filters.</p>
          <p className="muted">New deliveries that match will appear here as they arrive.</p>
        </div>
      </div>
    ) : (
      <EmptyInbox />
    );
  }

  const inboxNames = new Map(inboxes.map((inbox) => [inbox.id, inbox.name]));
  const integrationsById = new Map(integrations.map((integration) => [integration.id, integration]));
  return (
    <div className="delivery-list">
      <SelectionBar />
      <div
        ref={scrollRef}
        className="delivery-list__scroll"
        role="grid"
        aria-label="Deliveries, newest first"
        aria-multiselectable="true"
        aria-rowcount={list.count}
        tabIndex={0}
        data-testid="delivery-list"
      >
        <div className="delivery-list__sizer" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const summary = deliveries.rowAt(item.index);
            if (!summary) return null;
            const integration = summary.integration_id ? integrationsById.get(summary.integration_id) : undefined;
            return (
              <DeliveryRow
                key={summary.id}
                summary={summary}
                index={item.index}
                top={item.start}
                now={now}
                inboxName={summary.inbox_id ? inboxNames.get(summary.inbox_id) : undefined}
                target={
                  summary.direction === 'out'
                    ? { ...outgoingTarget(summary.path, integration?.url), integrationName: integration?.name }
                    : undefined
                }
                isCursor={summary.id === cursorId}
                isOpen={summary.id === openId}
                isSelected={selection.ids.has(summary.id)}
                onOpen={onOpen}
                onSelect={onSelect}
                onCursor={onCursor}
              />
            );
          })}
        </div>
      </div>
      <footer className="delivery-list__footer" aria-live="polite">
        {list.errorCode === 'invalid_query' ? (
          <span className="muted">Fix the search above to see deliveries.</span>
        ) : list.error ? (
          <span className="error-text">
            {list.error}{' '}
            <button type="button" className="button button--small" onClick={() => void deliveries.loadMore()}>
              Retry
            </button>
          </span>
        ) : (
          <span className="muted">
            {list.count.toLocaleString()} {list.count === 1 ? 'delivery' : 'deliveries'}
            {list.loading ? ' · loading…' : list.hasMore ? ' · more below' : ''}
          </span>
        )}
        <span className="delivery-list__keys muted">
          <kbd>j</kbd>
          <kbd>k</kbd> move <kbd>Enter</kbd> open <kbd>x</kbd> select
        </span>
      </footer>
    </div>
  );
}
