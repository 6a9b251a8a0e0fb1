// Cameras stacked on one spot of the screen. Three cameras on one pole are
// logged without moving: their markers sit on the same pixel even at the
// deepest zoom, and a tap only ever reached the top one. A tap on a marker
// with others this close opens a chooser instead (screen.js).

// Centres closer than this share a spot, as a share of the dot's width: the
// dot beneath then shows a sliver of less than a quarter of itself, too thin
// for a finger to aim at.
export const STACK_SHARE = 0.75;

/**
 * points: [{ x, y, ...}] in screen pixels; at: the tapped marker's { x, y };
 * dotPx: the dot's width on screen (it grows with the text size).
 * Returns the points on that spot, nearest first.
 */
export function stackedAt(points, at, dotPx) {
  const reach = dotPx * STACK_SHARE;
  return points
    .map((p) => ({ p, d: Math.hypot(p.x - at.x, p.y - at.y) }))
    .filter(({ d }) => d <= reach)
    .sort((a, b) => a.d - b.d)
    .map(({ p }) => p);
}
