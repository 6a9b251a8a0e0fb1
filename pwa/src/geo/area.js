// A walk's area as the organiser taps it on the map: a list of {lat, lon}
// corners, turned into the GeoJSON Polygon the server stores. A neighbourhood
// is small enough for a flat (equirectangular) projection around its first
// corner: the error on a few square kilometres is far below a tap's.

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d) => (d * Math.PI) / 180;

// Metres east and north of an origin.
function flat(origin) {
  const kx = rad(1) * EARTH_RADIUS_M * Math.cos(rad(origin.lat));
  const ky = rad(1) * EARTH_RADIUS_M;
  return (p) => [(p.lon - origin.lon) * kx, (p.lat - origin.lat) * ky];
}

// A closed GeoJSON ring ([lon, lat], first position repeated last).
export function areaPolygon(corners) {
  if (corners.length < 3) throw new Error('an area needs at least 3 corners');
  const ring = corners.map((p) => [round(p.lon), round(p.lat)]);
  ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring] };
}

// Seven decimals is about a centimetre: more would be noise, less could move a corner.
const round = (v) => Math.round(v * 1e7) / 1e7;

export function areaSquareMetres(corners) {
  if (corners.length < 3) return 0;
  const xy = corners.map(flat(corners[0]));
  let twice = 0;
  for (let i = 0; i < xy.length; i++) {
    const [x1, y1] = xy[i];
    const [x2, y2] = xy[(i + 1) % xy.length];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

// True when two sides cross: such a "bow tie" has no clear inside, so the
// server's within-area queries would not mean what the organiser drew.
export function selfIntersects(corners) {
  const n = corners.length;
  if (n < 4) return false;
  const xy = corners.map(flat(corners[0]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a corner
      if (cross(xy[i], xy[(i + 1) % n], xy[j], xy[(j + 1) % n])) return true;
    }
  }
  return false;
}

function side(a, b, c) {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

function cross(p1, p2, q1, q2) {
  return side(p1, p2, q1) * side(p1, p2, q2) < 0 && side(q1, q2, p1) * side(q1, q2, p2) < 0;
}

// What is wrong with the drawing, as an i18n key, or null when it can be saved.
// No corner at all is allowed: a walk may have no area yet.
export function areaProblem(corners) {
  if (corners.length === 0) return null;
  if (corners.length < 3) return 'walks.needThree';
  if (selfIntersects(corners)) return 'walks.crossing';
  return null;
}
