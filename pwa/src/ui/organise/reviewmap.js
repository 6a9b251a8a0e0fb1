// The review card's map: the camera, its cone, its accuracy circle, the OSM
// cameras it could be; in edit mode the pin can be dragged.
import { L, addCones, baseMap, dot } from '../../shared/map.js';

// The OSM cameras the organiser may choose from (osmnode.js), the one the
// export will change marked: side by side they are told apart by place.
function osmCandidates(item) {
  const change = item.osm_change;
  if (!change) return [];
  const chosen = change.node && change.node.id;
  const nodes = change.node ? [change.node, ...change.candidates] : change.candidates;
  const seen = new Set();
  return nodes
    .filter((node) => node.lat != null && !seen.has(node.id) && seen.add(node.id))
    .map((node) => ({ node, chosen: node.id === chosen }));
}

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
  osmCandidates(item).forEach(({ node, chosen }) => {
    L.marker([node.lat, node.lon], {
      icon: dot(`osm-dot${chosen ? ' is-chosen' : ''}`),
      title: `OSM ${node.id}`,
      keyboard: false,
    }).addTo(layer);
  });
  const marker = L.marker(ll, {
    icon: dot(`obs-dot rev-pin${draggable ? ' is-draggable' : ''}`),
    draggable,
    keyboard: draggable,
  }).addTo(layer);
  // Let the map paint in its final size: the card lays out after this call.
  requestAnimationFrame(() => map.invalidateSize());
  return {
    destroy: () => map.remove(),
    pin: () => {
      const at = marker.getLatLng();
      return { lat: at.lat, lon: at.lng };
    },
  };
}
