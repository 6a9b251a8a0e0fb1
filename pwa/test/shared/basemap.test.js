import { describe, expect, it } from 'vitest';
import { drawBasemap, prepareBasemap, tilesFromOwnServer } from '../../src/shared/basemap.js';

// A document as server/basemap/compact.py writes it: a building (two rings),
// a named street and a landmark, in 1e-6 degree steps from the origin.
const DOC = {
  format: 'camwalk-basemap',
  version: 1,
  origin: [24.94, 60.16],
  unit: 1e-6,
  bbox: [24.94, 60.16, 24.96, 60.18],
  layers: ['street', 'path', 'building', 'water', 'park', 'square', 'landmark'],
  names: ['Aleksanterinkatu', 'Tuomiokirkko'],
  features: [
    [
      2,
      -1,
      2,
      [1000, 1000, 500, 0, 0, 500, -500, 0, 0, -500],
      [1100, 1100, 100, 0, 0, 100, -100, 0, 0, -100],
    ],
    [0, 0, 1, [0, 2000, 3000, 0, 1000, 10]],
    [6, 1, 0, 2500, 2500],
  ],
};

// Records what a 2D context is asked to do, as far as drawBasemap uses it.
function recordingContext() {
  const calls = [];
  const ctx = new Proxy(
    {},
    {
      get(target, key) {
        if (key in target) return target[key];
        return (...args) => calls.push([key, ...args]);
      },
      set(target, key, value) {
        target[key] = value;
        calls.push([`=${String(key)}`, value]);
        return true;
      },
    },
  );
  return { ctx, calls };
}

function viewAround(prepared, zoom, size = 400) {
  const scale = 256 * 2 ** zoom;
  const [x0, y0, x1, y1] = prepared.features[0].box;
  const cx = ((x0 + x1) / 2) * scale;
  const cy = ((y0 + y1) / 2) * scale;
  return { zoom, left: cx - size / 2, top: cy - size / 2, width: size, height: size };
}

describe('the walk map', () => {
  it('projects every point once, as Leaflet does (Web Mercator, 0..1)', () => {
    const prepared = prepareBasemap(DOC);
    const street = prepared.features[1];
    expect(street.layer).toBe('street');
    expect(street.name).toBe('Aleksanterinkatu');
    const [x, y] = street.rings[0];
    expect(x).toBeCloseTo(24.94 / 360 + 0.5, 12);
    const lat = (60.162 * Math.PI) / 180;
    expect(y).toBeCloseTo(0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI), 12);
    // The longest segment carries the name, along it.
    expect(street.label.angle).toBeCloseTo(0, 2);
  });

  it('refuses a document it cannot read rather than drawing nonsense', () => {
    expect(() => prepareBasemap({ ...DOC, version: 2 })).toThrow();
    expect(() => prepareBasemap({ features: [] })).toThrow();
  });

  it('draws the building with its courtyard even-odd, the street, and names at street zoom', () => {
    const prepared = prepareBasemap(DOC);
    const { ctx, calls } = recordingContext();

    const counts = drawBasemap(ctx, prepared, viewAround(prepared, 18, 2000));

    expect(counts).toMatchObject({ building: 1, street: 1, landmark: 1 });
    expect(calls.some(([name, rule]) => name === 'fill' && rule === 'evenodd')).toBe(true);
    const texts = calls.filter(([name]) => name === 'fillText').map(([, text]) => text);
    expect(texts).toEqual(expect.arrayContaining(['Aleksanterinkatu', 'Tuomiokirkko']));
    expect(counts.labels).toBe(2);
  });

  it('leaves out what is off screen and writes no names when zoomed out', () => {
    const prepared = prepareBasemap(DOC);
    const far = { zoom: 18, left: 0, top: 0, width: 400, height: 400 };
    expect(drawBasemap(recordingContext().ctx, prepared, far)).toEqual({ labels: 0 });

    const { ctx, calls } = recordingContext();
    const counts = drawBasemap(ctx, prepared, viewAround(prepared, 13, 2000));
    expect(counts.building).toBe(1);
    expect(calls.filter(([name]) => name === 'fillText')).toEqual([]);
  });
});

describe('no third-party tiles', () => {
  const here = new URL('https://camwalk.example.org/walks');
  it('takes only tiles from the campaign server itself', () => {
    expect(tilesFromOwnServer('/tiles/{z}/{x}/{y}.png', here)).toBe(true);
    expect(tilesFromOwnServer('https://camwalk.example.org/tiles/{z}/{x}/{y}.png', here)).toBe(
      true,
    );
    expect(tilesFromOwnServer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', here)).toBe(false);
    expect(tilesFromOwnServer('https://{s}.tile.example.org/{z}/{x}/{y}.png', here)).toBe(false);
    expect(tilesFromOwnServer('http://camwalk.example.org/tiles/{z}/{x}/{y}.png', here)).toBe(
      false,
    );
  });
});
