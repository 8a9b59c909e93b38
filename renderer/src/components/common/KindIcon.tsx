import type { Kind } from '../../model/integrations/integration-kinds.js';
import './KindIcon.css';

const GLYPHS: Record<Kind, string> = {
  // A bolt, a loop, linked nodes and a globe: our own simple marks, not the services' logos.
  zapier: 'M13.2 3.5 6.5 13h4.6l-1 7.5 6.9-10h-4.7z',
  make: 'M6.5 9a5.5 5.5 0 0 1 9.9-1.8M17.5 15a5.5 5.5 0 0 1-9.9 1.8M16.6 4v3.4h-3.4M7.4 20v-3.4h3.4',
  n8n: 'M4 12h3.5M10.5 12h3M16.5 12l2.5-4M16.5 12l2.5 4M7 12a2 2 0 1 0 4 0 2 2 0 1 0-4 0',
  custom: 'M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 1 0 0-17M3.5 12h17M12 3.5c-2.6 2.6-2.6 14.4 0 17M12 3.5c2.6 2.6 2.6 14.4 0 17',
};

/** The service's tile: a coloured rounded square with a white glyph. */
export function KindIcon({ kind, size = 32 }: { kind: Kind; size?: number }) {
  const filled = kind === 'zapier';
  return (
    <svg className={`kind-icon kind-icon--${kind}`} width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <rect width="24" height="24" rx="6" fill="var(--kind-color)" />
      <path
        d={GLYPHS[kind]}
        fill={filled ? '#fff' : 'none'}
        stroke="#fff"
        strokeWidth={filled ? 1 : 1.7}
        strokeLinecap="round"
        strokeLinejoin="round"
        transform="translate(2.4 2.4) scale(0.8)"
      />
      {kind === 'n8n' && (
        <g fill="#fff" transform="translate(2.4 2.4) scale(0.8)">
          <circle cx="4" cy="12" r="2" />
          <circle cx="19.5" cy="7.5" r="2" />
          <circle cx="19.5" cy="16.5" r="2" />
        </g>
      )}
    </svg>
  );
}
