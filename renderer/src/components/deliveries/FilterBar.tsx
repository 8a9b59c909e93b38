import { useEffect, useRef, useState, type RefObject } from 'react';
import {
  hasActiveFilters,
  NO_FILTERS,
  sourceFilterPatch,
  sourceFilterValue,
  type DeliveryFilters,
} from '../../model/deliveries/delivery-filters.js';
import { INBOUNDFLOW_EVENTS } from '../../model/delivery/inboundflow-event.js';
import { SEARCH_SYNTAX } from '../../model/deliveries/search-highlight.js';
import { SIGNATURE_VERDICTS, VERDICT_FILTER_LABELS } from '../../model/common/signature-verdict.js';
import { STATUS_CLASSES, statusClassLabel, type StatusClass } from '../../model/common/status-class.js';
import { useDeliveryList, useInboxes, useIntegrations } from '../../model/common/use-stores.js';
import { useWorkbench } from '../../model/common/workbench-context.js';
import './FilterBar.css';

const TEXT_DEBOUNCE_MS = 250;

/** Direction, inbox, event type, status class, InboundFlow verdicts and free text; every filter is applied by the API. */
export function FilterBar({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { deliveries } = useWorkbench();
  const { filters, error, errorCode } = useDeliveryList();
  const [hintOpen, setHintOpen] = useState(false);
  const queryError = errorCode === 'invalid_query' ? error : null;
  const barRef = useRef<HTMLDivElement>(null);

  // The syntax popover closes on a click anywhere outside the search bar.
  useEffect(() => {
    if (!hintOpen) return;
    const close = (event: MouseEvent) => {
      if (!barRef.current?.contains(event.target as Node)) setHintOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [hintOpen]);
  const { inboxes } = useInboxes();
  const { integrations } = useIntegrations();
  const [q, setQ] = useState(filters.q);
  const [event, setEvent] = useState(filters.event);

  const apply = (patch: Partial<DeliveryFilters>) => void deliveries.setFilters({ ...deliveries.getSnapshot().filters, ...patch });

  // Keep the text fields in step when filters change elsewhere (Clear, "Show deliveries" of an inbox).
  const [followed, setFollowed] = useState({ q: filters.q, event: filters.event });
  if (followed.q !== filters.q || followed.event !== filters.event) {
    setFollowed({ q: filters.q, event: filters.event });
    if (followed.q !== filters.q) setQ(filters.q);
    if (followed.event !== filters.event) setEvent(filters.event);
  }

  useEffect(() => {
    const applied = deliveries.getSnapshot().filters;
    if (q === applied.q && event === applied.event) return;
    const timer = setTimeout(() => void deliveries.setFilters({ ...deliveries.getSnapshot().filters, q, event }), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [deliveries, q, event]);

  return (
    <div className="filter-bar" role="search" ref={barRef}>
      <div className="filter-bar__top">
        <div className="filter-bar__search">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <circle cx="6" cy="6" r="4.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="m9.2 9.2 3.3 3.3" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          <input
            ref={searchRef}
            type="search"
            className="filter-bar__query"
            placeholder='Search: words, "a phrase", event:lead.created status:5xx'
            aria-label="Search deliveries"
            aria-invalid={queryError ? true : undefined}
            aria-describedby={queryError ? 'filter-bar-query-error' : undefined}
            maxLength={200}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
          <button
            type="button"
            className="filter-bar__syntax-toggle"
            aria-expanded={hintOpen}
            aria-controls="filter-bar-syntax"
            onClick={() => setHintOpen(!hintOpen)}
          >
            syntax
          </button>
          <kbd aria-hidden="true">/</kbd>
        </div>
        {hasActiveFilters(filters) && (
          <button type="button" className="button button--ghost button--small filter-bar__clear" onClick={() => apply(NO_FILTERS)}>
            Clear
          </button>
        )}
      </div>
      {queryError && (
        <p className="filter-bar__query-error" id="filter-bar-query-error" role="alert" data-testid="query-error">
          {queryError}
        </p>
      )}
      {hintOpen && (
        <div
          className="filter-bar__syntax"
          id="filter-bar-syntax"
          role="dialog"
          aria-label="Search syntax"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setHintOpen(false);
              searchRef.current?.focus();
            }
          }}
        >
          <div className="filter-bar__syntax-head">
            <strong>Search syntax</strong>
            <span className="muted">Terms combine with AND · text with a colon goes in quotes</span>
            <button
              type="button"
              className="button button--ghost button--small"
              aria-label="Close search syntax"
              onClick={() => setHintOpen(false)}
            >
              ×
            </button>
          </div>
          <dl>
            {SEARCH_SYNTAX.map((row) => (
              <div key={row.example} className="filter-bar__syntax-row">
                <dt>
                  <code>{row.example}</code>
                </dt>
                <dd>{row.meaning}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <div className="filter-bar__row">
        <select
          className="field"
          aria-label="Direction"
          value={filters.direction}
          onChange={(e) => apply({ direction: e.target.value as DeliveryFilters['direction'] })}
        >
          <option value="">In &amp; out</option>
          <option value="in">Received</option>
          <option value="out">Sent</option>
        </select>
        <select
          className="field"
          aria-label="Inbox or integration"
          value={sourceFilterValue(filters)}
          onChange={(e) => apply(sourceFilterPatch(e.target.value))}
        >
          <option value="">All inboxes &amp; integrations</option>
          <optgroup label="Received in inbox">
            {inboxes.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
              </option>
            ))}
          </optgroup>
          {integrations.length > 0 && (
            <optgroup label="Sent to integration">
              {integrations.map((integration) => (
                <option key={integration.id} value={`integration:${integration.id}`}>
                  {integration.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <input
          className="field filter-bar__event"
          aria-label="Event type"
          placeholder="Any event"
          list="filter-bar-events"
          value={event}
          onChange={(e) => setEvent(e.target.value)}
        />
        <datalist id="filter-bar-events">
          {INBOUNDFLOW_EVENTS.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <select
          className="field"
          aria-label="Status"
          value={filters.status}
          onChange={(e) => apply({ status: e.target.value as StatusClass | '' })}
        >
          <option value="">Any status</option>
          {STATUS_CLASSES.map((cls) => (
            <option key={cls} value={cls}>
              {statusClassLabel(cls)}
            </option>
          ))}
        </select>
        <select
          className="field"
          aria-label="Signature"
          value={filters.signature}
          onChange={(e) => apply({ signature: e.target.value as DeliveryFilters['signature'] })}
        >
          <option value="">Any signature</option>
          {SIGNATURE_VERDICTS.map((verdict) => (
            <option key={verdict} value={verdict}>
              {VERDICT_FILTER_LABELS[verdict]}
            </option>
          ))}
        </select>
        <select
          className="field"
          aria-label="Schema"
          value={filters.schema}
          onChange={(e) => apply({ schema: e.target.value as DeliveryFilters['schema'] })}
        >
          <option value="">Any schema</option>
          <option value="valid">Matches the docs</option>
          <option value="invalid">Differs from the docs</option>
        </select>
      </div>
    </div>
  );
}
