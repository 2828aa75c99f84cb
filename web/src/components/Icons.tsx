/** Small inline icons (SVG: the test browser and many phones have no emoji font). */
export function LockIcon() {
  return (
    <svg class="icon lock" viewBox="0 0 12 14" width="11" height="13" role="img" aria-label="locked">
      <title>Locked: his game has started</title>
      <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
    </svg>
  );
}

export function TrophyIcon() {
  return (
    <svg class="icon trophy" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <path d="M4 1h8v5a4 4 0 0 1-8 0z" fill="currentColor" />
      <path d="M4 2.5H1.5v1.5A2.5 2.5 0 0 0 4 6.5M12 2.5h2.5v1.5A2.5 2.5 0 0 1 12 6.5" fill="none" stroke="currentColor" stroke-width="1.3" />
      <rect x="7" y="9.5" width="2" height="3" fill="currentColor" /><rect x="4.5" y="12.5" width="7" height="2.5" rx="1" fill="currentColor" />
    </svg>
  );
}
