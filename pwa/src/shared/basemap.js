// The walk map: the streets, paths, buildings and landmarks the server kept
// for a walk (GET /walks/<id>/basemap, format in server/basemap/compact.py),
// drawn on one canvas under the markers. A walker who never browsed the area
// sees it offline, and with the group's "no third-party tiles" setting it is
// the only map, so no tile server learns where the group walks.
//
// One canvas rather than a Leaflet vector layer per street: a few thousand
// SVG or Leaflet-canvas paths take seconds to build on a slow phone, while
// this projects every point once (prepareBasemap) and then only scales and
// shifts them per redraw (bench/basemap_bench.py measures both).

// Whether tiles come from the campaign's own server (a relative URL, or this
// origin): the only ones a group with "no third-party tiles" may ask for.
export function tilesFromOwnServer(tileUrl, here = globalThis.location) {
  try {
    return new URL(tileUrl.replace(/\{[^}]*\}/g, '0'), here.href).origin === here.origin;
  } catch {
    return false;
  }
}

const TILE = 256;

const STYLE = {
  park: { fill: '#d5e8c4' },
  water: { fill: '#b3d3e3', line: '#8dbcd6', width: 2 },
  square: { fill: '#eeeae2', stroke: '#d3cabd' },
  building: { fill: '#dad1c8', stroke: '#bba99b' },
  path: { line: '#c0705a', width: 1.2, dash: [3, 3] },
  street: { line: '#ffffff', casing: '#c6bdb1' },
  landmark: { fill: '#7d4e38' },
};
const LABEL_ZOOM = 16;
const LANDMARK_ZOOM = 15;
// Drawn beyond the screen on each side (share of its size), so a pan shows
// map before the redraw that follows it.
const PADDING = 0.15;

// Web Mercator in world units 0..1, as Leaflet's EPSG3857 does it.
function mercX(lon) {
  return lon / 360 + 0.5;
}
function mercY(lat) {
  const clamped = Math.max(-85.0511287798, Math.min(85.0511287798, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

// The downloaded document, projected once: per feature its layer, name,
// kind (0 point, 1 line, 2 area), rings as flat world x,y arrays and a box.
export function prepareBasemap(doc) {
  if (!doc || doc.format !== 'camwalk-basemap' || doc.version !== 1) {
    throw new Error('not a camwalk walk map this app can read');
  }
  const [west, south] = doc.origin;
  const { unit } = doc;
  const features = [];
  for (const row of doc.features) {
    const layer = doc.layers[row[0]];
    const name = row[1] >= 0 ? doc.names[row[1]] : null;
    const kind = row[2];
    const rings = kind === 0 ? [[row[3], row[4]]] : row.slice(3).filter((flat) => flat.length >= 2);
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    const projected = rings.map((flat) => {
      const out = new Float64Array(flat.length);
      let x = 0;
      let y = 0;
      for (let i = 0; i < flat.length; i += 2) {
        x = i === 0 ? flat[0] : x + flat[i];
        y = i === 0 ? flat[1] : y + flat[i + 1];
        const wx = mercX(west + x * unit);
        const wy = mercY(south + y * unit);
        out[i] = wx;
        out[i + 1] = wy;
        if (wx < box[0]) box[0] = wx;
        if (wy < box[1]) box[1] = wy;
        if (wx > box[2]) box[2] = wx;
        if (wy > box[3]) box[3] = wy;
      }
      return out;
    });
    features.push({ layer, name, kind, rings: projected, box, label: labelSpot(kind, projected) });
  }
  return { bbox: doc.bbox, features };
}

// Where a line's name goes: the middle of its longest segment, along it.
function labelSpot(kind, rings) {
  if (kind !== 1) return null;
  const r = rings[0];
  let best = -1;
  let at = 0;
  for (let i = 0; i + 3 < r.length; i += 2) {
    const len = Math.hypot(r[i + 2] - r[i], r[i + 3] - r[i + 1]);
    if (len > best) {
      best = len;
      at = i;
    }
  }
  if (best <= 0) return null;
  let angle = Math.atan2(r[at + 3] - r[at + 1], r[at + 2] - r[at]);
  // Never upside down.
  if (angle > Math.PI / 2) angle -= Math.PI;
  if (angle < -Math.PI / 2) angle += Math.PI;
  return { x: (r[at] + r[at + 2]) / 2, y: (r[at + 1] + r[at + 3]) / 2, length: best, angle };
}

function streetWidth(zoom) {
  return Math.max(2, Math.min(18, 7 * 2 ** (zoom - 17)));
}

// Draws the prepared map on a 2D context. `view`: {zoom, left, top, width,
// height} where left/top are the world pixel (at this zoom) of the canvas's
// top-left corner. Returns how many features of each layer were drawn and how
// many labels, which the map puts on the canvas for tests to read.
export function drawBasemap(ctx, prepared, view) {
  const scale = TILE * 2 ** view.zoom;
  const { left, top, width, height } = view;
  const inView = (b) =>
    b[2] * scale >= left &&
    b[0] * scale <= left + width &&
    b[3] * scale >= top &&
    b[1] * scale <= top + height;
  const counts = { labels: 0 };
  const trace = (flat, close) => {
    ctx.moveTo(flat[0] * scale - left, flat[1] * scale - top);
    for (let i = 2; i < flat.length; i += 2) {
      ctx.lineTo(flat[i] * scale - left, flat[i + 1] * scale - top);
    }
    if (close) ctx.closePath();
  };
  const visible = prepared.features.filter((f) => inView(f.box));
  for (const f of visible) counts[f.layer] = (counts[f.layer] || 0) + 1;

  // Surfaces: one path per layer; a feature with holes gets its own, filled
  // even-odd, so that a courtyard stays open without punching holes where
  // two parks overlap.
  for (const layer of ['park', 'water', 'square', 'building']) {
    const style = STYLE[layer];
    const areas = visible.filter((f) => f.layer === layer && f.kind === 2);
    ctx.fillStyle = style.fill;
    ctx.strokeStyle = style.stroke || style.fill;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const f of areas) if (f.rings.length === 1) trace(f.rings[0], true);
    ctx.fill();
    if (style.stroke && view.zoom >= 16) ctx.stroke();
    for (const f of areas) {
      if (f.rings.length === 1) continue;
      ctx.beginPath();
      for (const ring of f.rings) trace(ring, true);
      ctx.fill('evenodd');
      if (style.stroke && view.zoom >= 16) ctx.stroke();
    }
  }
  const lines = (layer) => visible.filter((f) => f.layer === layer && f.kind === 1);
  const stroke = (features, colour, width, dash = []) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.setLineDash(dash);
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    for (const f of features) trace(f.rings[0], false);
    ctx.stroke();
    ctx.setLineDash([]);
  };
  stroke(lines('water'), STYLE.water.line, STYLE.water.width);
  stroke(lines('path'), STYLE.path.line, STYLE.path.width, STYLE.path.dash);
  const streets = lines('street');
  const w = streetWidth(view.zoom);
  stroke(streets, STYLE.street.casing, w + 2);
  stroke(streets, STYLE.street.line, w);

  if (view.zoom >= LANDMARK_ZOOM) counts.labels += drawLabels(ctx, visible, scale, view);
  return counts;
}

function drawLabels(ctx, visible, scale, view) {
  const { left, top, width, height } = view;
  const size = view.zoom >= 18 ? 13 : 11;
  ctx.font = `${size}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255,255,255,0.9)';
  ctx.fillStyle = '#3a3530';
  const taken = new Set();
  const lastAt = new Map(); // name -> spots already labelled: one per stretch of street
  let drawn = 0;
  const place = (name, x, y, angle, colour) => {
    if (x < 0 || y < 0 || x > width || y > height) return;
    const cell = `${Math.floor(x / 80)}:${Math.floor(y / 28)}`;
    if (taken.has(cell)) return;
    const spots = lastAt.get(name) || [];
    if (spots.some(([sx, sy]) => Math.hypot(sx - x, sy - y) < 260)) return;
    taken.add(cell);
    spots.push([x, y]);
    lastAt.set(name, spots);
    ctx.save();
    ctx.translate(x, y);
    ctx.rotate(angle);
    ctx.fillStyle = colour;
    ctx.strokeText(name, 0, 0);
    ctx.fillText(name, 0, 0);
    ctx.restore();
    drawn += 1;
  };
  for (const f of visible) {
    if (!f.name) continue;
    if (f.kind === 0 && f.layer === 'landmark') {
      const x = f.rings[0][0] * scale - left;
      const y = f.rings[0][1] * scale - top;
      ctx.fillStyle = STYLE.landmark.fill;
      ctx.beginPath();
      ctx.arc(x, y, 3, 0, 2 * Math.PI);
      ctx.fill();
      place(f.name, x, y - 10, 0, STYLE.landmark.fill);
    } else if (f.label && view.zoom >= LABEL_ZOOM) {
      // Only where the street is long enough on screen to hold its name.
      if (f.label.length * scale < f.name.length * size * 0.55) continue;
      place(f.name, f.label.x * scale - left, f.label.y * scale - top, f.label.angle, '#3a3530');
    }
  }
  return drawn;
}

// The Leaflet layer: a canvas in its own pane between the tiles (if any) and
// the markers, redrawn when the view settles.
export function createBasemapLayer(L, prepared) {
  let map = null;
  let canvas = null;
  const Layer = L.Layer.extend({
    onAdd(m) {
      map = m;
      const pane = map.getPane('walkmap') || map.createPane('walkmap');
      pane.style.zIndex = 250; // above tiles (200), under vectors and markers (400+)
      pane.style.pointerEvents = 'none';
      canvas = L.DomUtil.create('canvas', 'walk-basemap', pane);
      map.on('moveend zoomend resize viewreset', redraw);
      map.on('zoomstart', hide);
      redraw();
    },
    onRemove() {
      map.off('moveend zoomend resize viewreset', redraw);
      map.off('zoomstart', hide);
      canvas.remove();
      canvas = null;
      map = null;
    },
  });

  function hide() {
    // The old drawing at the old scale would float wrongly during the zoom.
    if (canvas) canvas.style.visibility = 'hidden';
  }

  function redraw() {
    if (!map || !canvas) return;
    const started = performance.now();
    const size = map.getSize();
    const pad = L.point(Math.round(size.x * PADDING), Math.round(size.y * PADDING));
    const zoom = map.getZoom();
    const corner = map.project(map.containerPointToLatLng([0, 0]), zoom).subtract(pad);
    const width = size.x + 2 * pad.x;
    const height = size.y + 2 * pad.y;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([-pad.x, -pad.y]));
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const counts = drawBasemap(ctx, prepared, {
      zoom,
      left: corner.x,
      top: corner.y,
      width,
      height,
    });
    canvas.style.visibility = '';
    // Read by the browser tests and the bench: what is on the canvas, how long it took.
    canvas.dataset.drawn = JSON.stringify(counts);
    canvas.dataset.ms = String(Math.round(performance.now() - started));
  }

  return new Layer();
}
