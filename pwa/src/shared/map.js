// Leaflet pieces every camwalk map needs: the walker's map, the organiser
// screens and the public page. One basemap rule (the server's config, its
// credit, and the "not available offline here" signal), the dot markers, a
// camera's cones, a walk's area and bounds. Shared so the public page needs
// nothing of the organiser's code.
import L from 'leaflet';
import { conePolygon } from '../geo/geo.js';
import { tilesFromOwnServer } from './basemap.js';
import { t } from '../i18n/index.js';
import { nameClosingButtons } from './popupclose.js';

const OSM_CREDIT =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

export function dotIcon(className, size = 28) {
  const half = size / 2;
  return L.divIcon({
    className: 'map-icon',
    html: `<span class="${className}" aria-hidden="true"></span>`,
    iconSize: [size, size],
    iconAnchor: [half, half],
    tooltipAnchor: [0, -half],
  });
}

// The organiser and public maps draw smaller dots: many cameras on a small map.
export function dot(className) {
  return dotIcon(className, 24);
}

// onBasemap(false) when the view shows a tile that could not be had (offline
// in an area never viewed, or no basemap configured), so the walker is told
// why the map is a plain background; onBasemap(true) once it is whole again.
// `ownTilesOnly` (the group's setting): no request to another server's tiles.
export function addBasemap(map, config, onBasemap = () => {}, { ownTilesOnly = false } = {}) {
  // The credit is on the map whatever the basemap, even with none cached.
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(OSM_CREDIT);
  if (!config || !config.tile_url || (ownTilesOnly && !tilesFromOwnServer(config.tile_url))) {
    onBasemap(false);
    return;
  }
  const extra = config.tile_attribution && !/openstreetmap/i.test(config.tile_attribution);
  const layer = L.tileLayer(config.tile_url, {
    maxZoom: 19,
    // CORS requests give the service worker real (non-opaque) answers to cache.
    crossOrigin: 'anonymous',
    attribution: extra ? config.tile_attribution : undefined,
  });
  let missing = 0;
  layer.on('loading', () => (missing = 0));
  layer.on('tileerror', () => {
    missing += 1;
    onBasemap(false);
  });
  // 'load' comes when every tile of the view has loaded or failed.
  layer.on('load', () => onBasemap(missing === 0));
  layer.addTo(map);
}

// Leaflet's own zoom titles are English: every map gives its reader's words.
export function addZoom(map, position = 'topleft') {
  return L.control
    .zoom({ position, zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') })
    .addTo(map);
}

// A map's element can change size while the window does not (a notice comes
// or goes above it, a header's line wraps again; tests/e2e/test_walker_large_
// walk.py found the walker's map 37 px shorter in some runs than in others).
// Leaflet measures its element when the window resizes only, and went on
// drawing for the old size: its centre, bounds, taps and a popup's pan into
// view were off by the change. Measured again, the map keeps its middle.
export function measuredAgain(map) {
  const resized = new ResizeObserver(() => map.invalidateSize());
  resized.observe(map.getContainer());
  map.on('unload', () => resized.disconnect());
}

// A small map with the same basemap rules as the walkers' map; `basemap` takes
// addBasemap's options (the group's ownTilesOnly).
export function baseMap(el, config, { zoomControl = true, ...options } = {}, basemap = {}) {
  const map = L.map(el, { attributionControl: true, ...options, zoomControl: false });
  measuredAgain(map);
  if (zoomControl) addZoom(map);
  nameClosingButtons(map);
  addBasemap(map, config, undefined, basemap);
  return map;
}

export function walkBounds(walk) {
  if (!walk || !Array.isArray(walk.bbox) || walk.bbox.length !== 4) return null;
  const [w, s, e, n] = walk.bbox;
  return L.latLngBounds([s, w], [n, e]);
}

export function addCones(layer, point, directions, className, lengthM = 14) {
  for (const dir of directions || []) {
    L.polygon(conePolygon(point, dir, { lengthM }), { className, interactive: false }).addTo(layer);
  }
}

// The walk's area ring, from the summary's [[lon, lat], ...] or a GeoJSON Polygon.
export function addArea(layer, area) {
  if (!area) return null;
  const ring = Array.isArray(area) ? area : area.coordinates && area.coordinates[0];
  if (!ring) return null;
  return L.polygon(
    ring.map(([lon, lat]) => [lat, lon]),
    { className: 'walk-area', interactive: false },
  ).addTo(layer);
}

export { L };
