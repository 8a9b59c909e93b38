import type { Direction } from '../../../../shared/api/deliveries.js';

/** "In" (received) or "Out" (sent by the dispatch engine), with an arrow and a tooltip. */
export function DirectionBadge({ direction }: { direction: Direction }) {
  const incoming = direction === 'in';
  return (
    <span className={`direction-badge direction-badge--${direction}`} title={incoming ? 'Received by Hookbench' : 'Sent by Hookbench'}>
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
        <path
          d={incoming ? 'M6 1.5v8M2.5 6 6 9.5 9.5 6' : 'M6 10.5v-8M2.5 6 6 2.5 9.5 6'}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span className="visually-hidden">{incoming ? 'in' : 'out'}</span>
    </span>
  );
}
