// Inline SVG icons: no icon font or sprite to download, and they follow the
// text colour (currentColor) for contrast in both themes.
const svg = (body, vb = '0 0 48 48') =>
  `<svg viewBox="${vb}" width="100%" height="100%" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const ICONS = {
  // A box camera on a bracket.
  fixed: svg(
    '<rect x="6" y="14" width="26" height="14" rx="3"/><path d="M32 18l10-4v14l-10-4"/><path d="M14 28v8h-6"/>',
  ),
  // A half sphere under a ceiling plate.
  dome: svg(
    '<path d="M6 16h36"/><path d="M10 16a14 14 0 0 0 28 0"/><circle cx="24" cy="22" r="4"/>',
  ),
  // A dome with arrows: it turns.
  panning: svg(
    '<path d="M12 14h24"/><path d="M15 14a9 9 0 0 0 18 0"/><circle cx="24" cy="18" r="3"/><path d="M8 34a18 10 0 0 0 32 0"/><path d="M36 30l4 4-5 2"/><path d="M12 30l-4 4 5 2"/>',
  ),
  plus: svg('<path d="M24 10v28M10 24h28"/>'),
  sync: svg(
    '<path d="M38 20a14 14 0 0 0-26-4"/><path d="M10 8v8h8"/><path d="M10 28a14 14 0 0 0 26 4"/><path d="M38 40v-8h-8"/>',
  ),
  locate: svg('<circle cx="24" cy="24" r="9"/><path d="M24 4v8M24 36v8M4 24h8M36 24h8"/>'),
  menu: svg('<path d="M8 14h32M8 24h32M8 34h32"/>'),
  compass: svg(
    '<circle cx="24" cy="24" r="18"/><path d="M24 10l5 14h-10z" fill="currentColor"/><path d="M24 38l-5-14h10z"/>',
  ),
  photo: svg(
    '<rect x="6" y="14" width="36" height="24" rx="4"/><path d="M17 14l3-5h8l3 5"/><circle cx="24" cy="26" r="7"/>',
  ),
};
