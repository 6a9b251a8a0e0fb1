// While logging: a draggable pin for the camera and an arrow handle the
// walker drags to say where it looks.
import L from 'leaflet';
import { bearingDeg, destination } from '../../geo/geo.js';
import { t } from '../../i18n/index.js';

const ARROW_M = 18;

export function startPlacing(map, { position, direction, onMove, onDirection }) {
  let pin = { lat: position.lat, lon: position.lon };
  let dir = direction;
  const layer = L.layerGroup().addTo(map);
  const pinMarker = L.marker([pin.lat, pin.lon], {
    draggable: true,
    autoPan: true,
    icon: L.divIcon({
      className: 'map-icon',
      html: '<span class="pin"></span>',
      iconSize: [36, 44],
      iconAnchor: [18, 42],
    }),
    title: t('log.pinTitle'),
  }).addTo(layer);
  const line = L.polyline([], { className: 'dir-line', interactive: false }).addTo(layer);
  const handle = L.marker([0, 0], {
    draggable: true,
    icon: L.divIcon({
      className: 'map-icon',
      html: '<span class="dir-handle"></span>',
      iconSize: [34, 34],
      iconAnchor: [17, 17],
    }),
    title: t('log.directionTitle'),
  }).addTo(layer);

  function redraw() {
    const tip = destination(pin, dir ?? 0, ARROW_M);
    line.setLatLngs(
      dir === null
        ? []
        : [
            [pin.lat, pin.lon],
            [tip.lat, tip.lon],
          ],
    );
    handle.setLatLng([tip.lat, tip.lon]);
    handle.getElement()?.classList.toggle('unset', dir === null);
  }

  pinMarker.on('drag', () => {
    const ll = pinMarker.getLatLng();
    pin = { lat: ll.lat, lon: ll.lng };
    redraw();
  });
  pinMarker.on('dragend', () => onMove(pin));
  handle.on('drag', () => {
    const ll = handle.getLatLng();
    dir = bearingDeg(pin, { lat: ll.lat, lon: ll.lng });
    line.setLatLngs([
      [pin.lat, pin.lon],
      [ll.lat, ll.lng],
    ]);
  });
  handle.on('dragend', () => {
    onDirection(dir);
    redraw();
  });
  redraw();

  return {
    setDirection(d) {
      dir = d;
      redraw();
    },
    setPosition(p) {
      pin = { lat: p.lat, lon: p.lon };
      pinMarker.setLatLng([pin.lat, pin.lon]);
      redraw();
    },
    stop: () => layer.remove(),
  };
}
