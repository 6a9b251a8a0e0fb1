// Where the map looks once the log form closes. The form zooms to 19 and puts
// the pin in the strip of map above the sheet (view.js showAbove); closed, it
// left the map there, panned so her dot and the camera she had just logged sat
// under the overlays at the top (header, GPS chip, note, coverage buttons).
// She gets back the view she had before tapping "+" or "Edit": her own zoom,
// and a pan she made to see a camera across the square. After a save, if the
// camera or her dot is then off screen or under an overlay, the map moves to
// show both in the part of the map that nothing covers, without zooming in
// past her own zoom. Closed without a save, the map only goes back.
import { distanceM } from '../../geo/geo.js';

// Her dot is brought into view with the camera when this close (metres):
// farther, she placed the pin far from where she stands (planning at home),
// and both on screen would zoom the map out of the street.
export const WITH_HER_DOT_M = 150;
// Room kept between a dot and an overlay's edge (px): a dot's radius and a bit.
export const MARGIN_PX = 20;
// The columns of the map the clear part may take: at large text the notes and
// key fill the left half down to the middle and the coverage buttons the right
// half below them, and no strip the whole width of the map is left clear.
const COLUMNS = [
  [0, 1],
  [0, 0.5],
  [0.5, 1],
];

/**
 * What the overlays leave of the map, as padding from its edges (px): the
 * largest clear part of the whole width or of one half.
 * mapBox: the map's box on the page; above: the boxes of what covers its top
 * (notes, key, coverage buttons), below: of what covers its bottom (zoom,
 * credit line, "centre on me", "+"). Boxes as getBoundingClientRect gives them.
 */
export function clearPadding(mapBox, { above = [], below = [] }) {
  let best = null;
  for (const [from, to] of COLUMNS) {
    const left = mapBox.left + from * mapBox.width;
    const right = mapBox.left + to * mapBox.width;
    const across = (box) => box.left < right && box.right > left;
    const top = Math.max(mapBox.top, ...above.filter(across).map((box) => box.bottom));
    const bottom = Math.min(mapBox.bottom, ...below.filter(across).map((box) => box.top));
    const area = (right - left) * Math.max(0, bottom - top - 2 * MARGIN_PX);
    if (!best || area > best.area) {
      best = {
        area,
        top: top - mapBox.top + MARGIN_PX,
        bottom: mapBox.bottom - bottom + MARGIN_PX,
        left: left - mapBox.left + MARGIN_PX,
        right: mapBox.right - right + MARGIN_PX,
      };
    }
  }
  const { area, ...padding } = best;
  return area > 0 ? padding : { top: 0, bottom: 0, left: 0, right: 0 };
}

function inClear(point, size, pad) {
  return (
    point.x >= pad.left &&
    point.x <= size.x - pad.right &&
    point.y >= pad.top &&
    point.y <= size.y - pad.bottom
  );
}

/**
 * map: the Leaflet map; before: { center, zoom } when the form opened;
 * saved: the stored camera's { lat, lon }, or null (closed without a save);
 * me: her position, or null; padding: clearPadding()'s.
 */
export function viewAfterLog(map, { before, saved, me, padding }) {
  map.setView(before.center, before.zoom, { animate: false });
  if (!saved) return;
  const shown = [saved];
  if (me && distanceM(me, saved) <= WITH_HER_DOT_M) shown.push(me);
  const latlngs = shown.map((p) => [p.lat, p.lon]);
  const size = map.getSize();
  if (latlngs.every((ll) => inClear(map.latLngToContainerPoint(ll), size, padding))) return;
  map.fitBounds(latlngs, {
    paddingTopLeft: [padding.left, padding.top],
    paddingBottomRight: [padding.right, padding.bottom],
    maxZoom: before.zoom,
    animate: false,
  });
}
