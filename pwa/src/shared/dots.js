// A map's cameras as dots on one canvas, the whole campaign or walk at once.
//
// Leaflet's own canvas layers (L.circleMarker) keep an object per dot and
// draw each dot on its own: at 60,000 cameras a phone (4x slowdown) took
// nearly 3 s to settle after each drag. This layer keeps the cameras'
// positions in two arrays, projects them once per zoom, and fills each run of
// dots of one colour as one path, one dot per spot of the screen (drawn.js:
// dotsOnCanvas, the rule of what is drawn over what).
//
// It is a Leaflet renderer (L.Renderer), which already places its canvas
// around the view (`padding`) and scales it while the map zooms; this one is
// drawn again at each move's end. A tap finds the nearest camera (`nearest`).
import { L } from './map.js';
import { dotsOnCanvas, nearestPoint, pointsNear, samePlaces } from './drawn.js';

export const CameraDots = L.Renderer.extend({
  options: {
    // The canvas reaches this share of the view beyond each edge: a drag
    // shows dots already drawn until it ends.
    padding: 0.3,
    radiusPx: 5,
    ringPx: 1.5,
    ringColour: '#fff',
  },

  // points: [{ lat, lon }]; colours: the CSS colour of each point.
  initialize(points, colours, options) {
    L.Renderer.prototype.initialize.call(this, options);
    this._points = points;
    this._colours = colours;
    this._zoomProjected = null;
  },

  _initContainer() {
    this._container = document.createElement('canvas');
    this._ctx = this._container.getContext('2d');
  },

  _destroyContainer() {
    L.DomUtil.remove(this._container);
    delete this._ctx;
    delete this._container;
  },

  // Each point's pixel position at the map's zoom, kept until the zoom changes.
  _project() {
    const zoom = this._map.getZoom();
    if (this._zoomProjected === zoom) return;
    const n = this._points.length;
    this._x = new Float64Array(n);
    this._y = new Float64Array(n);
    this._points.forEach(({ lat, lon }, i) => {
      const { x, y } = this._map.project([lat, lon], zoom);
      this._x[i] = x;
      this._y[i] = y;
    });
    this._zoomProjected = zoom;
  },

  _update() {
    // Mid-zoom the canvas is scaled by the renderer; it is drawn at the end.
    if (this._map._animatingZoom && this._bounds) return;
    L.Renderer.prototype._update.call(this);
    this._project();
    const { min } = this._bounds;
    const size = this._bounds.getSize();
    const scale = L.Browser.retina ? 2 : 1;
    const canvas = this._container;
    L.DomUtil.setPosition(canvas, min);
    canvas.width = scale * size.x;
    canvas.height = scale * size.y;
    canvas.style.width = `${size.x}px`;
    canvas.style.height = `${size.y}px`;
    const ctx = this._ctx;
    ctx.setTransform(scale, 0, 0, scale, 0, 0);
    this._draw(ctx, size, this._map.getPixelOrigin().add(min));
  },

  // `corner`: the canvas's top left corner in projected pixels.
  _draw(ctx, size, corner) {
    const { radiusPx: r, ringPx: ring, ringColour } = this.options;
    for (const [colour, at] of dotsOnCanvas(this._colours, this._x, this._y, corner, size, r)) {
      fillCircles(ctx, at, r + ring, ringColour);
      fillCircles(ctx, at, r, colour);
    }
  },

  // The index of the point nearest `latlng` within `reachPx`, or -1.
  nearest(latlng, reachPx) {
    if (!this._map) return -1;
    this._project();
    return nearestPoint(this._x, this._y, this._map.project(latlng, this._zoomProjected), reachPx);
  },

  // The indices of the points within `reachPx` of `latlng`, nearest first.
  near(latlng, reachPx) {
    if (!this._map) return [];
    this._project();
    return pointsNear(this._x, this._y, this._map.project(latlng, this._zoomProjected), reachPx);
  },

  // Other cameras, or the same ones in other colours (the walker's map after
  // each save and sync step): projected again and drawn.
  setPoints(points, colours) {
    if (!samePlaces(points, this._points)) this._zoomProjected = null;
    this._points = points;
    this._colours = colours;
    if (this._map) this._update();
  },
});

// `at`: x, y, x, y, ... in the canvas's pixels.
function fillCircles(ctx, at, radius, colour) {
  if (!at.length) return;
  ctx.beginPath();
  for (let k = 0; k < at.length; k += 2) {
    ctx.moveTo(at[k] + radius, at[k + 1]);
    ctx.arc(at[k], at[k + 1], radius, 0, 2 * Math.PI);
  }
  ctx.fillStyle = colour;
  ctx.fill();
}
