// The Leaflet map of a walk: basemap from the server config, the walker's
// position, the group's observations with their cones, OSM cameras in their
// own style. Everything is drawn with vectors and divIcons, so the map stays
// usable (on a plain background) when no tile is cached.
import L from 'leaflet';
import { conePolygon, parseOsmDirection } from '../../geo/geo.js';
import { mainDirection } from '../../model/observation.js';

const OSM_CREDIT =
  '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap contributors</a>';
const FALLBACK_VIEW = { center: [43.2965, 5.3698], zoom: 16 }; // Marseille, until a fix

function dotIcon(className, label) {
  return L.divIcon({
    className: 'map-icon',
    html: `<span class="${className}" aria-hidden="true"></span>`,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    tooltipAnchor: [0, -14],
    title: label,
  });
}

function addBasemap(map, config) {
  // The credit is on the map whatever the basemap, even with none cached.
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(OSM_CREDIT);
  if (!config || !config.tile_url) return;
  const extra = config.tile_attribution && !/openstreetmap/i.test(config.tile_attribution);
  L.tileLayer(config.tile_url, {
    maxZoom: 19,
    // CORS requests give the service worker real (non-opaque) answers to cache.
    crossOrigin: 'anonymous',
    attribution: extra ? config.tile_attribution : undefined,
  }).addTo(map);
}

function fitWalk(map, walk) {
  if (walk && Array.isArray(walk.bbox) && walk.bbox.length === 4) {
    const [w, s, e, n] = walk.bbox;
    map.fitBounds(
      [
        [s, w],
        [n, e],
      ],
      { maxZoom: 18 },
    );
    return true;
  }
  map.setView(FALLBACK_VIEW.center, FALLBACK_VIEW.zoom);
  return false;
}

export function createMapView(el, { config, walk, onObservationTap, onOsmTap }) {
  const map = L.map(el, { zoomControl: false, attributionControl: true, tap: true });
  L.control.zoom({ position: 'bottomleft' }).addTo(map);
  addBasemap(map, config);
  const fitted = fitWalk(map, walk);
  if (walk && walk.area) {
    L.geoJSON(walk.area, { interactive: false, style: { className: 'walk-area' } }).addTo(map);
  }
  const osmLayer = L.layerGroup().addTo(map);
  const obsLayer = L.layerGroup().addTo(map);
  const posLayer = L.layerGroup().addTo(map);
  let firstFix = !fitted;
  let lastPosition = null;

  function setPosition(pos) {
    lastPosition = pos;
    posLayer.clearLayers();
    const ll = [pos.lat, pos.lon];
    L.circle(ll, { radius: pos.accuracy_m || 0, className: 'accuracy', interactive: false }).addTo(
      posLayer,
    );
    L.circleMarker(ll, { radius: 8, className: 'me', interactive: false }).addTo(posLayer);
    if (firstFix) {
      map.setView(ll, 18);
      firstFix = false;
    }
  }

  function showObservations(records, stateOf) {
    obsLayer.clearLayers();
    for (const rec of records) {
      const p = rec.fields.position;
      if (!p) continue;
      const state = stateOf(rec);
      const dir = mainDirection(rec.fields);
      if (dir !== null) {
        L.polygon(conePolygon(p, dir), {
          className: `cone cone-${state}`,
          interactive: false,
        }).addTo(obsLayer);
      }
      const gone = rec.fields.presence === 'gone' ? ' gone' : '';
      const marker = L.marker([p.lat, p.lon], {
        icon: dotIcon(`obs-dot state-${state}${gone}`, rec.fields.kind),
        keyboard: true,
        riseOnHover: true,
      });
      marker.on('click', () => onObservationTap && onObservationTap(rec));
      marker.addTo(obsLayer);
    }
  }

  function showOsm(nodes) {
    osmLayer.clearLayers();
    for (const node of nodes) {
      for (const dir of parseOsmDirection(
        node.tags && (node.tags['camera:direction'] ?? node.tags.direction),
      )) {
        L.polygon(conePolygon(node, dir), { className: 'cone cone-osm', interactive: false }).addTo(
          osmLayer,
        );
      }
      const marker = L.marker([node.lat, node.lon], {
        icon: dotIcon('osm-dot', `OSM ${node.id}`),
        keyboard: true,
      });
      marker.on('click', () => onOsmTap && onOsmTap(node));
      marker.addTo(osmLayer);
    }
  }

  return {
    map,
    setPosition,
    showObservations,
    showOsm,
    centre: () =>
      lastPosition &&
      map.setView([lastPosition.lat, lastPosition.lon], Math.max(map.getZoom(), 18)),
    destroy: () => map.remove(),
  };
}
