// Small Leaflet maps for the organiser screens and the public page: a camera
// with its cone, the OSM camera near it, a walk's cameras. Same basemap rules
// as the walkers' map. Shared so the public page needs nothing of the
// organiser's code.
import L from 'leaflet';
import { conePolygon } from '../geo/geo.js';

const OSM_CREDIT =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';

export function baseMap(el, config, options = {}) {
  const map = L.map(el, { zoomControl: true, attributionControl: true, ...options });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(OSM_CREDIT);
  if (config && config.tile_url) {
    L.tileLayer(config.tile_url, { maxZoom: 19, crossOrigin: 'anonymous' }).addTo(map);
  }
  return map;
}

export function dot(className) {
  return L.divIcon({
    className: 'map-icon',
    html: `<span class="${className}" aria-hidden="true"></span>`,
    iconSize: [24, 24],
    iconAnchor: [12, 12],
    tooltipAnchor: [0, -12],
  });
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
