// The public map's cameras on its Leaflet map, by the rule of drawn.js: every
// one a dot on a canvas, and those around the view markers with their cones,
// drawn again at the end of each move.
import { L, addCones, dot } from '../../shared/map.js';
import { tv } from '../../i18n/index.js';
import { markedCameras } from './drawn.js';
import { CameraDots } from './dots.js';

// How far from a dot a tap still opens it (px): a fingertip's width, as the
// markers' dots are wide.
const TAP_REACH_PX = 12;
// The cones' length (m), as the walkers' and organisers' maps draw them.
const CONE_LENGTH_M = 30;

/**
 * features: the public GeoJSON's; popup(properties) → the popup's element,
 * made when it opens; colourOf(kind) → a CSS colour for the canvas, which
 * cannot read a class; popupOptions: Leaflet's, for every popup.
 */
export function drawCameras(map, features, { popup, colourOf, popupOptions }) {
  const points = features.map(({ geometry }) => {
    const [lon, lat] = geometry.coordinates;
    return { lat, lon };
  });

  // One canvas for every dot. A tap on the map opens the nearest dot's popup,
  // made then, not tens of thousands of them ahead.
  const colours = features.map(({ properties }) => colourOf(properties.kind));
  const dots = new CameraDots(points, colours).addTo(map);
  map.on('click', ({ latlng }) => {
    const index = dots.nearest(latlng, TAP_REACH_PX);
    if (index < 0) return;
    L.popup(popupOptions)
      .setLatLng(points[index])
      .setContent(popup(features[index].properties))
      .openOn(map);
  });

  // Markers kept by index from one move to the next; one whose popup is open
  // stays, as removing it would close the popup (its own pan into view ends
  // in a move).
  const markers = L.layerGroup().addTo(map);
  const drawn = new Map();
  function drawMarkers() {
    const b = map.getBounds();
    const view = { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() };
    const wanted = new Set(markedCameras(points, view));
    for (const [index, { camera, marker }] of drawn) {
      if (wanted.has(index) || marker.isPopupOpen()) continue;
      markers.removeLayer(camera);
      drawn.delete(index);
    }
    for (const index of wanted) {
      if (drawn.has(index)) continue;
      const p = features[index].properties;
      const camera = L.layerGroup();
      addCones(camera, points[index], p.direction, 'cone', CONE_LENGTH_M);
      const marker = L.marker(points[index], {
        icon: dot(`obs-dot pub-dot kind-${p.kind}`),
        title: tv('kind', p.kind),
      })
        .bindPopup(() => popup(p), popupOptions)
        .addTo(camera);
      drawn.set(index, { camera: camera.addTo(markers), marker });
    }
  }
  map.on('moveend', drawMarkers);
  drawMarkers();
}
