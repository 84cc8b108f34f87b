/** The Clew mark: a ball of thread with a loose end — the lead you follow. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="14" cy="16" r="11" fill="#1677ff" />
      <path
        d="M5 13c5-3 13-3 18 1M4.5 18.5c6-2 13-1 18 2M9 7c-1 6 0 13 5 20M17 5.5c2 5 2 14-3 21"
        stroke="#fff"
        strokeWidth="1.6"
        fill="none"
        strokeLinecap="round"
        opacity="0.85"
      />
      <path
        d="M23.5 21.5c2.5 .5 2.5 3 4.5 3.5s2.5 2 2.5 3.5"
        stroke="#1677ff"
        strokeWidth="1.8"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}
