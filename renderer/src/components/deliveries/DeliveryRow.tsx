import { memo } from 'react';
import type { DeliverySummary } from '../../../../shared/api/deliveries.js';
import { formatByteSize } from '../../model/common/byte-size.js';
import type { OutgoingTarget } from '../../model/common/outgoing-target.js';
import { formatRelativeTime } from '../../model/common/relative-time.js';
import { tunnelTag } from '../../model/tunnel/tunnel-delivery.js';
import { flattenSnippet, focusSnippet, highlightSegments, MATCH_FIELD_LABELS } from '../../model/deliveries/search-highlight.js';
import { DirectionBadge } from '../common/DirectionBadge.js';
import { DispatchBadge } from '../common/DispatchBadge.js';
import { SignatureBadge } from '../signatures/SignatureBadge.js';
import { StatusBadge } from '../common/StatusBadge.js';
import './DeliveryRow.css';

/** Fixed so the virtualizer never measures; 32px keeps a million rows inside the browser's largest element height. */
export const ROW_HEIGHT = 32;

interface DeliveryRowProps {
  summary: DeliverySummary;
  /** The row's place in the whole list (0 = newest), for aria-rowindex. */
  index: number;
  top: number;
  now: number;
  inboxName: string | undefined;
  /** Sent deliveries: where they went, and to which integration. */
  target?: OutgoingTarget & { integrationName: string | undefined };
  isCursor: boolean;
  isOpen: boolean;
  /** Picked for a bulk replay (the checkbox); apart from being open. */
  isSelected: boolean;
  onOpen: (id: string) => void;
  /** The checkbox was used; `extend` (Shift) picks the range from the last row picked. */
  onSelect: (id: string, extend: boolean) => void;
  /** The checkbox got focus: the keyboard cursor follows it. */
  onCursor: (id: string) => void;
}

/** One delivery in the list; memoized so a new arrival re-renders only itself. */
export const DeliveryRow = memo(function DeliveryRow({
  summary,
  index,
  top,
  now,
  inboxName,
  target,
  isCursor,
  isOpen,
  isSelected,
  onOpen,
  onSelect,
  onCursor,
}: DeliveryRowProps) {
  const tag = tunnelTag(summary);
  const classes = [
    'delivery-row',
    isCursor && 'delivery-row--cursor',
    isOpen && 'delivery-row--open',
    isSelected && 'delivery-row--selected',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    // A grid row: the checkbox has its own cell, so no control sits inside another (a listbox option may not hold one).
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={isSelected}
      aria-current={isOpen ? 'true' : undefined}
      className={classes}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-delivery-id={summary.id}
      data-selected={isSelected}
      onClick={() => onOpen(summary.id)}
    >
      {/* Its own click target: picking a row never opens it. */}
      <div role="gridcell" className="delivery-row__select-cell" onClick={(event) => event.stopPropagation()}>
        <label className="delivery-row__select">
          <input
            type="checkbox"
            checked={isSelected}
            aria-label={selectLabel(summary)}
            // Shift-click would otherwise also select the text between here and the last click.
            onMouseDown={(event) => event.shiftKey && event.preventDefault()}
            onChange={(event) => onSelect(summary.id, (event.nativeEvent as MouseEvent).shiftKey === true)}
            onFocus={() => onCursor(summary.id)}
            data-testid="row-select"
          />
        </label>
      </div>
      <div role="gridcell" className="delivery-row__cells">
        <DirectionBadge direction={summary.direction} />
        {/* A fixed slot, so pinned and unpinned rows keep their columns aligned. */}
        <span className="delivery-row__pin">
          {summary.pinned && (
            <span title="Pinned: kept by retention and Clear inbox" role="img" aria-label="Pinned" data-testid="pin-marker">
              <PinIcon size={11} />
            </span>
          )}
        </span>
        <StatusBadge status={summary.response_status} failureClass={summary.dispatch_state ? null : summary.error_class} />
        <span className="delivery-row__method">{summary.method}</span>
        {target ? (
          <span className="delivery-row__path delivery-row__path--target" title={`Sent to ${target.host ?? ''}${target.path}`}>
            {target.host && <span className="delivery-row__host">{target.host}</span>}
            <span className="delivery-row__rest">{target.path}</span>
          </span>
        ) : summary.match ? (
          <SearchSnippet match={summary.match} path={summary.path} />
        ) : (
          <span className="delivery-row__path" title={summary.path}>
            {summary.path}
          </span>
        )}
        {summary.event && (
          <span className="delivery-row__event" title={`Event: ${summary.event}`}>
            {summary.event}
          </span>
        )}
        {summary.duplicate_of && (
          <span
            className="delivery-row__duplicate"
            title={`Duplicate of ${summary.duplicate_of}: this inbox saw delivery_id ${summary.delivery_id ?? ''} before`}
            data-testid="duplicate-marker"
            data-duplicate-of={summary.duplicate_of}
          >
            duplicate
          </span>
        )}
        {tag && (
          <span className="delivery-row__via" title={tag.title} data-testid="via-tunnel" data-provider={summary.tunnel_provider ?? ''}>
            {tag.text}
          </span>
        )}
        {summary.signature_verdict && <SignatureBadge verdict={summary.signature_verdict} scheme={summary.signature_scheme} />}
        {summary.dispatch_state && (
          <DispatchBadge state={summary.dispatch_state} errorClass={summary.error_class} skippedReason={summary.skipped_reason} />
        )}
        {inboxName && <span className="delivery-row__inbox">{inboxName}</span>}
        {target?.integrationName && (
          <span className="delivery-row__inbox" title={`Integration: ${target.integrationName}`}>
            {target.integrationName}
          </span>
        )}
        <span className="delivery-row__size">{formatByteSize(summary.size)}</span>
        <time className="delivery-row__time" dateTime={summary.received_at} title={summary.received_at}>
          {formatRelativeTime(summary.received_at, now)}
        </time>
      </div>
    </div>
  );
});

/** Names the delivery for a screen reader: "Select POST /orders/1, received 14:03:27". */
function selectLabel(summary: DeliverySummary): string {
  const time = new Date(summary.received_at).toLocaleTimeString();
  return `Select ${summary.method} ${summary.path}, ${summary.direction === 'in' ? 'received' : 'sent'} ${time}`;
}

/** Where the search hit: the path (or the part that matched) with each hit in a <mark>; text only, never markup. */
function SearchSnippet({ match, path }: { match: NonNullable<DeliverySummary['match']>; path: string }) {
  const full = flattenSnippet(match.text);
  const { text, ranges } = focusSnippet(full, match.ranges);
  return (
    <span
      className="delivery-row__path delivery-row__match"
      title={`${path}\nMatched in ${MATCH_FIELD_LABELS[match.field]}: ${full}`}
      data-testid="search-match"
    >
      {match.field !== 'path' && <span className="delivery-row__match-field">{MATCH_FIELD_LABELS[match.field]}</span>}
      {highlightSegments(text, ranges).map((segment, index) =>
        segment.hit ? (
          <mark key={index} className="search-hit">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}

export function PinIcon({ size = 12 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 12 12" aria-hidden="true">
      <path d="M4.2 1.2h3.6l-.5 3.3 1.9 1.9H2.8l1.9-1.9z" fill="currentColor" />
      <path d="M6 6.4v4.4" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
    </svg>
  );
}
