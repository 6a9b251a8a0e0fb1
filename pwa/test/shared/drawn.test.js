// The public map and the walk summary draw every camera as a canvas dot, and
// as a marker with its cones only those around the view when they are few: a
// phone opens a national campaign's map, and a laptop a day of action's walk,
// without one element per camera.
import { describe, expect, it } from 'vitest';
import {
  MARKERS_AT_MOST,
  aroundView,
  colourByClass,
  dotsOnCanvas,
  markedCameras,
  nearestPoint,
  pointsNear,
  samePlaces,
} from '../../src/shared/drawn.js';

// A street-level view of Noailles, Marseille, on a phone (about 350 x 450 m).
const STREET = { south: 43.294, west: 5.3745, north: 43.298, east: 5.379 };

// `n` cameras spread evenly over a box, row by row (no randomness: the same every run).
function spread(n, { south, west, north, east }) {
  const side = Math.ceil(Math.sqrt(n));
  return Array.from({ length: n }, (_, i) => ({
    lat: south + ((Math.floor(i / side) + 0.5) / side) * (north - south),
    lon: west + (((i % side) + 0.5) / side) * (east - west),
  }));
}

describe('the cameras a public map draws as markers', () => {
  it('are those in the view and around it by half its size, not those further', () => {
    const points = [
      { lat: 43.296, lon: 5.377 }, // in the view
      { lat: 43.2995, lon: 5.377 }, // above it, within half its height
      { lat: 43.296, lon: 5.3725 }, // left of it, within half its width
      { lat: 43.3005, lon: 5.377 }, // above it, further than half its height
      { lat: 43.296, lon: 5.382 }, // right of it, further than half its width
    ];
    expect(markedCameras(points, STREET)).toEqual([0, 1, 2]);
  });

  it('are every camera of a small campaign seen whole, as its cones with them', () => {
    const town = { south: 43.28, west: 5.36, north: 43.34, east: 5.4 };
    const points = spread(120, town);
    expect(markedCameras(points, town)).toEqual(points.map((_, i) => i));
  });

  it('are none when more than the rule allows are around the view: dots say it all', () => {
    const points = spread(3, STREET);
    expect(markedCameras(points, STREET, 3)).toEqual([0, 1, 2]);
    expect(markedCameras(points, STREET, 2)).toEqual([]);
  });

  it("are a street's few among a national campaign's 60,000, and none seen from afar", () => {
    const france = { south: 42.3, west: -4.8, north: 51.1, east: 8.2 };
    const points = [...spread(60000, france), ...spread(40, STREET)];
    const street = markedCameras(points, STREET);
    expect(street.length).toBeGreaterThanOrEqual(40);
    expect(street.length).toBeLessThanOrEqual(MARKERS_AT_MOST);
    const around = aroundView(STREET);
    for (const i of street) {
      expect(points[i].lat).toBeGreaterThanOrEqual(around.south);
      expect(points[i].lat).toBeLessThanOrEqual(around.north);
      expect(points[i].lon).toBeGreaterThanOrEqual(around.west);
      expect(points[i].lon).toBeLessThanOrEqual(around.east);
    }
    expect(markedCameras(points, france)).toEqual([]);
  });
});

describe('the view around which markers are drawn', () => {
  it('widens the view by half its height and width on every side', () => {
    expect(aroundView({ south: 10, west: 20, north: 12, east: 24 })).toEqual({
      south: 9,
      west: 18,
      north: 13,
      east: 26,
    });
  });
});

describe("the dots of a public map's canvas", () => {
  const SIZE = { x: 100, y: 80 };
  const CORNER = { x: 1000, y: 2000 };
  const GREEN = 'rgb(21, 128, 61)';
  const RED = 'rgb(185, 28, 28)';

  it('are one per spot: a thousand cameras on a few pixels are drawn once', () => {
    const n = 1000;
    const xs = Array.from({ length: n }, (_, i) => 1050.5 + (i % 2) * 0.5);
    const ys = Array.from({ length: n }, () => 2040.5);
    const dots = dotsOnCanvas(
      xs.map(() => GREEN),
      xs,
      ys,
      CORNER,
      SIZE,
      5,
    );
    expect(dots).toEqual([[GREEN, [50.5, 40.5]]]);
  });

  it('are drawn in the campaign order, each run of one colour together', () => {
    // Drawn colour by colour, the last colour lay over the others: a city of
    // cameras with one ALPR in ten looked red.
    const colours = [GREEN, GREEN, RED, GREEN, RED];
    const xs = [1010, 1020, 1030, 1040, 1050];
    const ys = [2010, 2010, 2010, 2010, 2010];
    expect(dotsOnCanvas(colours, xs, ys, CORNER, SIZE, 5)).toEqual([
      [GREEN, [10, 10, 20, 10]],
      [RED, [30, 10]],
      [GREEN, [40, 10]],
      [RED, [50, 10]],
    ]);
  });

  it('leave out the cameras off the canvas, keeping those whose edge shows', () => {
    const xs = [996, 994, 1104, 1106, 1050];
    const ys = [2040, 2040, 2040, 2040, 2085];
    const [[, at]] = dotsOnCanvas(
      xs.map(() => GREEN),
      xs,
      ys,
      CORNER,
      SIZE,
      5,
    );
    expect(at).toEqual([-4, 40, 104, 40, 50, 85]);
  });
});

describe('the camera a tap on the canvas opens', () => {
  const xs = [100, 110, 300];
  const ys = [100, 100, 100];

  it('is the nearest within reach', () => {
    expect(nearestPoint(xs, ys, { x: 107, y: 103 }, 12)).toBe(1);
    expect(nearestPoint(xs, ys, { x: 290, y: 100 }, 12)).toBe(2);
  });

  it('is none beyond reach', () => {
    expect(nearestPoint(xs, ys, { x: 200, y: 100 }, 12)).toBe(-1);
  });

  it('is, of cameras on one spot, the first: the one its dot is drawn for', () => {
    expect(nearestPoint([50, 50, 50], [60, 60, 60], { x: 52, y: 60 }, 12)).toBe(0);
  });
});

describe('the cameras near a tap on the canvas (a spot the walker picks among)', () => {
  it('are every one within reach, nearest first, and no other', () => {
    const xs = [100, 104, 96, 100, 130];
    const ys = [100, 100, 100, 107, 100];
    expect(pointsNear(xs, ys, { x: 103, y: 100 }, 8)).toEqual([1, 0, 2, 3]);
    expect(pointsNear(xs, ys, { x: 103, y: 100 }, 4)).toEqual([1, 0]);
    expect(pointsNear(xs, ys, { x: 200, y: 200 }, 8)).toEqual([]);
  });
});

describe("a canvas dot's colour", () => {
  it("is its marker's, read once per set of classes however many cameras have them", () => {
    // A day of action's walk: 60,000 cameras, in OSM or new and in review or not.
    const classes = Array.from({ length: 60000 }, (_, i) =>
      i % 3 === 0 ? 'osm-dot' : `obs-dot state-safe review-${['approved', 'pending'][i % 2]}`,
    );
    const sheet = {
      'osm-dot': 'rgb(37, 99, 235)',
      'obs-dot state-safe review-approved': 'rgb(21, 128, 61)',
      'obs-dot state-safe review-pending': 'rgb(22, 128, 61)',
    };
    const read = [];
    const colourOf = colourByClass((cls) => {
      read.push(cls);
      return sheet[cls];
    });
    const colours = classes.map(colourOf);
    expect(colours).toEqual(classes.map((cls) => sheet[cls]));
    expect(read.sort()).toEqual(Object.keys(sheet).sort());
  });
});

describe("a canvas's projection of the cameras", () => {
  const walk = [
    { lat: 43.2951, lon: 5.3802 },
    { lat: 43.2955, lon: 5.3755 },
  ];

  it('stands when the cameras are at the same places, whatever else changed', () => {
    const recoloured = walk.map((p) => ({ ...p, dot: 'obs-dot state-sending' }));
    expect(samePlaces(recoloured, walk)).toBe(true);
  });

  it('is made again when one camera moved, or one came or went', () => {
    expect(samePlaces([walk[0], { lat: 43.2955, lon: 5.3756 }], walk)).toBe(false);
    expect(samePlaces([walk[1], walk[0]], walk)).toBe(false);
    expect(samePlaces([...walk, walk[0]], walk)).toBe(false);
    expect(samePlaces([walk[0]], walk)).toBe(false);
  });
});
