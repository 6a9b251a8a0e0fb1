// Small spherical geometry for a street: metres between fixes, the cone a
// camera watches, the bearing of a dragged arrow. Accurate to well under a
// metre at these distances, which is far below GPS error.

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d) => (d * Math.PI) / 180;
const deg = (r) => (r * 180) / Math.PI;

export function distanceM(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Degrees clockwise from north, 0–359, from a to b.
export function bearingDeg(a, b) {
  const y = Math.sin(rad(b.lon - a.lon)) * Math.cos(rad(b.lat));
  const x =
    Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) -
    Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lon - a.lon));
  return (Math.round(deg(Math.atan2(y, x))) + 360) % 360;
}

export function destination(from, bearing, metres) {
  const d = metres / EARTH_RADIUS_M;
  const b = rad(bearing);
  const lat1 = rad(from.lat);
  const lon1 = rad(from.lon);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 =
    lon1 +
    Math.atan2(
      Math.sin(b) * Math.sin(d) * Math.cos(lat1),
      Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { lat: deg(lat2), lon: deg(lon2) };
}

// The wedge a camera watches, as [lat, lon] pairs for Leaflet.
export function conePolygon(center, direction, { spreadDeg = 60, lengthM = 14, steps = 6 } = {}) {
  const pts = [[center.lat, center.lon]];
  for (let i = 0; i <= steps; i++) {
    const b = direction - spreadDeg / 2 + (spreadDeg * i) / steps;
    const p = destination(center, b, lengthM);
    pts.push([p.lat, p.lon]);
  }
  return pts;
}

// Compass heading from a DeviceOrientationEvent: iOS gives it ready-made,
// others give alpha (counter-clockwise) when the event is absolute.
export function headingFromOrientation(event) {
  if (typeof event.webkitCompassHeading === 'number') return event.webkitCompassHeading;
  if (event.absolute && typeof event.alpha === 'number') return (360 - event.alpha) % 360;
  return null;
}

// The walker points the phone at the camera: the camera looks back at her.
export function facesMe(heading) {
  return Math.round(heading + 180) % 360;
}
