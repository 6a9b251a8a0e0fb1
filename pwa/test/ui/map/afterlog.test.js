// Where the map looks once the log form closes: the form left it at zoom 19,
// panned so her dot and the camera she had just logged sat under the overlays
// at the top of a 360 px phone.
import { describe, expect, it } from 'vitest';
import { clearPadding, MARGIN_PX, viewAfterLog } from '../../../src/ui/map/afterlog.js';

const SIZE = { x: 360, y: 680 }; // a 360x740 phone's map under its header

// A map that projects degrees to pixels flatly (enough at street scale) and
// records what it is asked.
function fakeMap(center, zoom) {
  const asked = [];
  const map = {
    asked,
    center,
    zoom,
    getSize: () => SIZE,
    setView(ll, z) {
      map.center = { lat: ll.lat ?? ll[0], lng: ll.lng ?? ll[1] };
      map.zoom = z;
      asked.push(['setView', map.center, z]);
    },
    latLngToContainerPoint([lat, lng]) {
      const k = (256 * 2 ** map.zoom) / 360;
      return {
        x: SIZE.x / 2 + (lng - map.center.lng) * k,
        y: SIZE.y / 2 - (lat - map.center.lat) * k,
      };
    },
    fitBounds(latlngs, options) {
      asked.push(['fitBounds', latlngs, options]);
    },
  };
  return map;
}

const HERE = { lat: 43.296, lon: 5.38 };
const before = { center: { lat: HERE.lat, lng: HERE.lon }, zoom: 18 };
// Overlays of 150 px at the top and 160 px at the bottom, and the margin.
const padding = { top: 170, bottom: 180, left: MARGIN_PX, right: MARGIN_PX };
const near = { lat: HERE.lat + 0.00005, lon: HERE.lon + 0.00005 }; // 7 m away

describe('once a camera is saved', () => {
  it('the view she had comes back when it shows the camera and her dot clear of the overlays', () => {
    const map = fakeMap({ lat: 43.3, lng: 5.4 }, 19);
    viewAfterLog(map, { before, saved: near, me: HERE, padding });
    expect(map.asked).toEqual([['setView', before.center, 18]]);
  });

  it('under the top overlays, camera and dot are fitted into the clear part, no deeper than her zoom', () => {
    // She had panned so her spot was near the top of the map.
    const high = { center: { lat: HERE.lat - 0.0012, lng: HERE.lon }, zoom: 18 };
    const map = fakeMap({ lat: 0, lng: 0 }, 19);
    viewAfterLog(map, { before: high, saved: near, me: HERE, padding });
    const [, latlngs, options] = map.asked[1];
    expect(map.asked[1][0]).toBe('fitBounds');
    expect(latlngs).toEqual([
      [near.lat, near.lon],
      [HERE.lat, HERE.lon],
    ]);
    expect(options).toMatchObject({
      paddingTopLeft: [MARGIN_PX, 170],
      paddingBottomRight: [MARGIN_PX, 180],
      maxZoom: 18,
    });
  });

  it('her dot far from the camera (planning at home) does not zoom the map out of the street', () => {
    const far = { lat: HERE.lat + 0.05, lon: HERE.lon };
    const map = fakeMap({ lat: 0, lng: 0 }, 19);
    viewAfterLog(map, { before, saved: far, me: HERE, padding });
    expect(map.asked[1][1]).toEqual([[far.lat, far.lon]]);
  });

  it('closed without a save, the map only goes back to her view', () => {
    const map = fakeMap({ lat: 0, lng: 0 }, 19);
    viewAfterLog(map, { before, saved: null, me: HERE, padding });
    expect(map.asked).toEqual([['setView', before.center, 18]]);
  });
});

describe('the part of the map no overlay covers', () => {
  const box = (left, top, right, bottom) => ({ left, top, right, bottom });
  const mapBox = (top) => ({ ...box(0, top, 360, 740), width: 360, height: 740 - top });

  it('at 360 px, is the width of the map below the coverage buttons and above "centre on me"', () => {
    const above = [box(10, 70, 137, 110), box(10, 110, 174, 160), box(185, 117, 350, 215)];
    const below = [box(10, 640, 57, 728), box(300, 578, 348, 626), box(267, 641, 347, 721)];
    expect(clearPadding(mapBox(60), { above, below })).toEqual({
      top: 155 + MARGIN_PX,
      bottom: 162 + MARGIN_PX,
      left: MARGIN_PX,
      right: MARGIN_PX,
    });
  });

  it('at large text, is the half of the map the overlays leave most of', () => {
    // The position chip over the top, the key on the left, the coverage
    // buttons down the right half nearly to "+": no clear strip the whole width.
    const above = [box(8, 233, 240, 290), box(8, 298, 133, 350), box(184, 410, 352, 612)];
    const below = [box(10, 640, 57, 728), box(225, 656, 273, 704), box(284, 650, 348, 714)];
    expect(clearPadding(mapBox(225), { above, below })).toEqual({
      top: 125 + MARGIN_PX,
      bottom: 100 + MARGIN_PX,
      left: MARGIN_PX,
      right: 180 + MARGIN_PX,
    });
  });
});
