// A map's cameras by the rule of drawn.js: every one a dot on a canvas, and
// those around the view markers with their cones, drawn again at the end of
// each move. The public map and the organiser's walk summary draw theirs so:
// either can hold a national campaign's or a day of action's tens of
// thousands.
import { L, addCones, dot } from './map.js';
import { colourByClass, markedCameras } from './drawn.js';
import { CameraDots } from './dots.js';

// How far from a dot a tap still opens it (px): a fingertip's width, as the
// markers' dots are wide.
export const TAP_REACH_PX = 12;
// The cones' length (m): the maps that draw a whole campaign or walk show them
// longer than the walker's street does.
const CONE_LENGTH_M = 30;

/**
 * cameras: the map's, in the order they are drawn; at(camera) → { lat, lon };
 * dotClass(camera) → its marker's classes, whose CSS background is its dot's
 * colour on the canvas too (read once per set of classes); look(camera) →
 * { title, direction, cone }: its marker's title, its directions and its
 * cones' classes, asked only of the cameras drawn as markers.
 * popup(camera) → the popup's element, made when it opens, and popupOptions,
 * Leaflet's: a map without popups has markers no keyboard stops at, as a tap
 * on them opens nothing.
 */
export function drawCameras(map, cameras, { at, dotClass, look, popup = null, popupOptions }) {
  const points = cameras.map(at);

  // One canvas for every dot. A tap on the map opens the nearest dot's popup,
  // made then, not tens of thousands of them ahead.
  const colourOf = colourByClass(cssBackground(map.getPane('markerPane')));
  const colours = cameras.map((camera) => colourOf(dotClass(camera)));
  const dots = new CameraDots(points, colours).addTo(map);
  if (popup) {
    map.on('click', ({ latlng }) => {
      const index = dots.nearest(latlng, TAP_REACH_PX);
      if (index < 0) return;
      L.popup(popupOptions).setLatLng(points[index]).setContent(popup(cameras[index])).openOn(map);
    });
  }

  // Markers kept by index from one move to the next; one whose popup is open
  // stays, as removing it would close the popup (its own pan into view ends
  // in a move).
  const markers = L.layerGroup().addTo(map);
  const drawn = new Map();
  function drawMarkers() {
    const wanted = new Set(markedCameras(points, viewOf(map)));
    for (const [index, { camera, marker }] of drawn) {
      if (wanted.has(index) || marker.isPopupOpen()) continue;
      markers.removeLayer(camera);
      drawn.delete(index);
    }
    for (const index of wanted) {
      if (drawn.has(index)) continue;
      const { title, direction, cone } = look(cameras[index]);
      const camera = L.layerGroup();
      addCones(camera, points[index], direction, cone, CONE_LENGTH_M);
      const marker = L.marker(points[index], {
        icon: dot(dotClass(cameras[index])),
        title,
        keyboard: Boolean(popup),
      }).addTo(camera);
      if (popup) marker.bindPopup(() => popup(cameras[index]), popupOptions);
      drawn.set(index, { camera: camera.addTo(markers), marker });
    }
  }
  map.on('moveend', drawMarkers);
  drawMarkers();
}

// The map's view as markedCameras reads it.
export function viewOf(map) {
  const b = map.getBounds();
  return { south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() };
}

// The background colour the page's stylesheets give a marker's dot of
// `classes`, read from a hidden one among the markers: the colours stay in CSS.
export function cssBackground(pane) {
  return (classes) => {
    const probe = document.createElement('span');
    probe.className = classes;
    probe.style.display = 'none';
    pane.append(probe);
    const colour = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return colour;
  };
}
