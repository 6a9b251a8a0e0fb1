// Which of a map's cameras are drawn as what, apart from Leaflet so that a
// test reads the rule without a page. The public map and the organiser's walk
// summary follow it (cameras.js), and the walker's map for her walk's own and
// OSM cameras and her group's earlier ones (ui/map/view.js).
//
// Every camera is a small dot on one canvas: tens of thousands cost a phone
// one picture, not an element each. Drawn as a DOM marker with SVG cones
// each, a national campaign's 20,000 cameras took over a minute to show on a
// phone and ten seconds a drag, and a day of action's walk froze the
// organiser's summary on a laptop (docs/capacity.md). The cameras around the
// view are drawn as markers too, with their cones, when they are few enough
// to be told apart: a street, a neighbourhood, or a small campaign whole.
// On the public map those markers are the ones a keyboard reaches (Tab, then
// Enter opens the popup). Past that number the view is a city or wider, where
// a cone is a pixel long and the dots say all there is to see. One rule at
// any size: a city's campaign seen whole is dots, and markers again once
// zoomed in.

// At most this many cameras around the view are drawn as markers: a street
// level view of a dense centre. Markers and cones cost about a millisecond
// each on a phone (4x slowdown): a city's 1,600 took 1.6 s to draw.
export const MARKERS_AT_MOST = 300;

// The view widened by this share of its height and width on every side, as
// Leaflet's bounds.pad: a short drag finds its markers already drawn.
export const AROUND_VIEW = 0.5;

// `view`: { south, west, north, east } in degrees.
export function aroundView({ south, west, north, east }, pad = AROUND_VIEW) {
  const lat = (north - south) * pad;
  const lon = (east - west) * pad;
  return { south: south - lat, west: west - lon, north: north + lat, east: east + lon };
}

// The indices of `points` ([{ lat, lon }]) drawn as markers in `view`: the
// cameras around it, or none when there are more than `atMost` of them.
export function markedCameras(points, view, atMost = MARKERS_AT_MOST) {
  const { south, west, north, east } = aroundView(view);
  const marked = [];
  for (let i = 0; i < points.length; i += 1) {
    const { lat, lon } = points[i];
    if (lat < south || lat > north || lon < west || lon > east) continue;
    if (marked.length === atMost) return [];
    marked.push(i);
  }
  return marked;
}

// Two dots whose centres fall in one square of this side (px) are drawn as
// one: at a city's or a country's scale, thousands of cameras share a few
// pixels, and drawing each on the others would show nothing more.
export const SPOT_PX = 2;

/**
 * The dots a canvas draws. colours: each point's; xs, ys: each point's
 * position in pixels; corner: the canvas's top left in the same pixels; size:
 * the canvas's { x, y }; radiusPx: a dot's, as one just off the canvas still
 * shows its edge. Answers [[colour, [x, y, x, y, ...]]] on the canvas, in the
 * campaign's order, as the markers were: where dots overlap, the kinds show in
 * their proportions (drawn kind by kind, the last kind covered the others and
 * a city of cameras looked like a city of ALPRs). Each run of one colour is
 * one path to fill.
 */
export function dotsOnCanvas(colours, xs, ys, corner, size, radiusPx) {
  const columns = Math.ceil(size.x / SPOT_PX) + 1;
  const taken = new Uint8Array(columns * (Math.ceil(size.y / SPOT_PX) + 1));
  const runs = [];
  for (let i = 0; i < colours.length; i += 1) {
    const x = xs[i] - corner.x;
    const y = ys[i] - corner.y;
    if (x < -radiusPx || y < -radiusPx || x > size.x + radiusPx || y > size.y + radiusPx) {
      continue;
    }
    // A dot off the edge by less than its radius takes the edge's spot.
    const column = Math.floor(Math.min(Math.max(0, x), size.x) / SPOT_PX);
    const spot = Math.floor(Math.min(Math.max(0, y), size.y) / SPOT_PX) * columns + column;
    if (taken[spot]) continue;
    taken[spot] = 1;
    const last = runs[runs.length - 1];
    if (last && last[0] === colours[i]) last[1].push(x, y);
    else runs.push([colours[i], [x, y]]);
  }
  return runs;
}

// The indices of the points (xs, ys, in pixels) within `reachPx` of `at`,
// nearest first.
export function pointsNear(xs, ys, at, reachPx) {
  const reach = reachPx * reachPx;
  const near = [];
  for (let i = 0; i < xs.length; i += 1) {
    const squared = (xs[i] - at.x) ** 2 + (ys[i] - at.y) ** 2;
    if (squared <= reach) near.push([squared, i]);
  }
  return near.sort((a, b) => a[0] - b[0]).map(([, i]) => i);
}

// The index of the point (xs, ys, in pixels) nearest `at` within `reachPx`, or
// -1. Of points equally near, the first: the one its spot's dot is drawn for.
export function nearestPoint(xs, ys, at, reachPx) {
  const [nearest = -1] = pointsNear(xs, ys, at, reachPx);
  return nearest;
}

// Whether two lists of points ([{ lat, lon }]) are at the same places, one by
// one: a canvas's projection of the first then stands for the second (a sync's
// step changes the walker's cameras' colours, rarely a place).
export function samePlaces(points, others) {
  if (points.length !== others.length) return false;
  for (let i = 0; i < points.length; i += 1) {
    if (points[i].lat !== others[i].lat || points[i].lon !== others[i].lon) return false;
  }
  return true;
}

/**
 * A camera's dot is drawn in its marker's colour, which the stylesheets give
 * by the marker's classes: read(classes) → the CSS colour, asked once per set
 * of classes (a map of tens of thousands of cameras has a handful), as each
 * read makes the page work out a style. Answers classes → colour.
 */
export function colourByClass(read) {
  const colours = new Map();
  return (classes) => {
    if (!colours.has(classes)) colours.set(classes, read(classes));
    return colours.get(classes);
  };
}
