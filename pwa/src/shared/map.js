// Leaflet pieces every camwalk map needs (the walker's map, and any other
// screen that shows a walk): the basemap from the server's config with its
// credit and its "not available offline here" signal, the dot markers, and a
// walk's bounds.
import L from 'leaflet';

const OSM_CREDIT =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

export function dotIcon(className) {
  return L.divIcon({
    className: 'map-icon',
    html: `<span class="${className}" aria-hidden="true"></span>`,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    tooltipAnchor: [0, -14],
  });
}

// onBasemap(false) when the view shows a tile that could not be had (offline
// in an area never viewed, or no basemap configured), so the walker is told
// why the map is a plain background; onBasemap(true) once it is whole again.
export function addBasemap(map, config, onBasemap = () => {}) {
  // The credit is on the map whatever the basemap, even with none cached.
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(OSM_CREDIT);
  if (!config || !config.tile_url) {
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

export function walkBounds(walk) {
  if (!walk || !Array.isArray(walk.bbox) || walk.bbox.length !== 4) return null;
  const [w, s, e, n] = walk.bbox;
  return L.latLngBounds([s, w], [n, e]);
}
