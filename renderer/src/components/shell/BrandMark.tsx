/** The Hookbench mark: a hook inside a rounded square. Static, ours, no external assets. */
export function BrandMark({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
      <rect x="1" y="1" width="22" height="22" rx="6" fill="var(--accent)" />
      <path d="M14.5 5.5v7.2a3.7 3.7 0 1 1-7.4 0v-1.4" fill="none" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
      <path d="M5.4 12.8 7.1 10.8 8.8 12.8" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
