import type { TunnelTone } from '../../model/tunnel/tunnel-status-view.js';

/** A shape per tone, so the state reads without colour: ring (off), arc (trying), dot with tick (proven online), triangle (warning), cross (failed). */
export function TunnelIcon({ tone, size = 14 }: { tone: TunnelTone; size?: number }) {
  const stroke = { fill: 'none', stroke: 'currentColor', strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const };
  return (
    <svg
      className={`tunnel-icon ${tone === 'busy' ? 'tunnel-icon--spin' : ''}`}
      width={size}
      height={size}
      viewBox="0 0 14 14"
      aria-hidden="true"
      data-shape={tone}
    >
      {tone === 'online' && (
        <>
          <circle cx="7" cy="7" r="6" fill="currentColor" />
          <path d="M4.2 7.2 6.1 9 9.8 5" {...stroke} stroke="var(--surface)" strokeWidth="1.6" />
        </>
      )}
      {tone === 'busy' && <path d="M7 1.5A5.5 5.5 0 1 1 1.5 7" {...stroke} strokeWidth="1.8" />}
      {tone === 'warning' && (
        <>
          <path d="M7 1.4 12.9 11.8H1.1Z" {...stroke} strokeWidth="1.5" />
          <path d="M7 5.4v3" {...stroke} strokeWidth="1.5" />
          <circle cx="7" cy="10.1" r="0.8" fill="currentColor" />
        </>
      )}
      {tone === 'danger' && (
        <>
          <circle cx="7" cy="7" r="6" fill="currentColor" />
          <path d="M4.8 4.8l4.4 4.4M9.2 4.8 4.8 9.2" {...stroke} stroke="var(--surface)" strokeWidth="1.6" />
        </>
      )}
      {tone === 'offline' && (
        <>
          <circle cx="7" cy="7" r="5.5" {...stroke} strokeWidth="1.5" />
          <path d="M3.2 10.8 10.8 3.2" {...stroke} strokeWidth="1.5" />
        </>
      )}
    </svg>
  );
}
