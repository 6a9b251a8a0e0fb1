// The review card's map: the camera, its cone, its accuracy circle, the OSM
// cameras it could be, those mapped as another kind apart; in edit mode the
// pin can be dragged.
import { L, addCones, baseMap, dot } from '../../shared/map.js';
import { osmMarkers } from './osmnode.js';

export function cameraMap(el, config, item, { draggable = false, ownTilesOnly = false } = {}) {
  const p = item.position;
  const map = baseMap(el, config, { zoomControl: false, scrollWheelZoom: false }, { ownTilesOnly });
  if (!p) {
    map.setView([43.2965, 5.3698], 15);
    return { destroy: () => map.remove(), pin: () => null };
  }
  const ll = [p.lat, p.lon];
  map.setView(ll, 19, { animate: false });
  const layer = L.layerGroup().addTo(map);
  if (p.accuracy_m) {
    L.circle(ll, { radius: p.accuracy_m, className: 'accuracy', interactive: false }).addTo(layer);
  }
  addCones(layer, p, item.direction, 'cone cone-review');
  osmMarkers(item.osm_change).forEach(({ lat, lon, className, title }) => {
    L.marker([lat, lon], { icon: dot(className), title, keyboard: false }).addTo(layer);
  });
  const marker = L.marker(ll, {
    icon: dot(`obs-dot rev-pin${draggable ? ' is-draggable' : ''}`),
    draggable,
    keyboard: draggable,
  }).addTo(layer);
  // The card lays out after this call: baseMap measures the map again then.
  return {
    destroy: () => map.remove(),
    pin: () => {
      const at = marker.getLatLng();
      return { lat: at.lat, lon: at.lng };
    },
  };
}
