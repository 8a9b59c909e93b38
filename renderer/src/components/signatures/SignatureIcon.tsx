import type { VerdictShape } from '../../model/common/signature-verdict.js';

const SHIELD = 'M7 1.3 12 3.2v3.5c0 3-2.1 5.1-5 6-2.9-.9-5-3-5-6V3.2Z';

/** One shape per signature verdict, so it reads without colour: shield with a check, with a cross, dashed with a dash, or a key. */
export function SignatureIcon({ shape, size = 14 }: { shape: VerdictShape; size?: number }) {
  const line = {
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.5,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
  };
  return (
    <svg width={size} height={size} viewBox="0 0 14 14" aria-hidden="true" className="signature-icon">
      {shape === 'shield-check' && (
        <>
          <path d={SHIELD} {...line} />
          <path d="M4.7 7 6.4 8.6 9.4 5.4" {...line} strokeWidth={1.7} />
        </>
      )}
      {shape === 'shield-cross' && (
        <>
          <path d={SHIELD} {...line} />
          <path d="M5.2 5.2l3.6 3.6M8.8 5.2l-3.6 3.6" {...line} strokeWidth={1.7} />
        </>
      )}
      {shape === 'shield-dashed' && (
        <>
          <path d={SHIELD} {...line} strokeDasharray="2 1.8" />
          <path d="M5 7h4" {...line} strokeWidth={1.7} />
        </>
      )}
      {shape === 'key' && (
        <>
          <circle cx="4.4" cy="7" r="2.6" {...line} />
          <path d="M7 7h5.6M10.6 7v2.2M12.6 7v1.6" {...line} />
        </>
      )}
    </svg>
  );
}
