/** A padlock drawn like the other icons (stroke in the text colour), not an emoji, which has no glyph where no emoji font is installed. */
export function LockIcon({ size = 12 }: { size?: number }) {
  const line = {
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 1.5,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
  };
  return (
    <svg width={size} height={size} viewBox="0 0 14 14" aria-hidden="true" className="lock-icon" data-icon="lock">
      <rect x="2.6" y="6.2" width="8.8" height="6" rx="1.2" {...line} />
      <path d="M4.6 6.2V4.4a2.4 2.4 0 0 1 4.8 0v1.8" {...line} />
    </svg>
  );
}
