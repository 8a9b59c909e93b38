import type { StatusShape } from '../../model/common/status-class.js';

/** One small shape per status class, so the class reads without colour. */
export function StatusIcon({ shape, size = 12 }: { shape: StatusShape; size?: number }) {
  const common = {
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
  };
  return (
    <svg width={size} height={size} viewBox="0 0 12 12" aria-hidden="true" className="status-icon">
      {shape === 'check' && <path d="M2 6.5 4.8 9 10 3" {...common} />}
      {shape === 'arrow' && <path d="M2 6h7.5M6.5 3 9.5 6 6.5 9" {...common} />}
      {shape === 'triangle' && <path d="M6 1.6 10.8 10H1.2Z" {...common} strokeWidth={1.6} />}
      {shape === 'cross' && <path d="M2.5 2.5l7 7M9.5 2.5l-7 7" {...common} />}
      {shape === 'dot' && <circle cx="6" cy="6" r="3" fill="currentColor" />}
      {shape === 'ring' && <circle cx="6" cy="6" r="4" {...common} strokeWidth={1.5} strokeDasharray="2 1.6" />}
    </svg>
  );
}
