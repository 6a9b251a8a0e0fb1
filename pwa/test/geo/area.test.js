import { describe, expect, it } from 'vitest';
import { areaPolygon, areaProblem, areaSquareMetres, selfIntersects } from '../../src/geo/area.js';
import { destination } from '../../src/geo/geo.js';

const corner = { lat: 43.2961, lon: 5.3812 };

// A square of side `m` metres with its south-west corner at `corner`, counter-clockwise.
function square(m) {
  const east = destination(corner, 90, m);
  const northEast = destination(east, 0, m);
  const north = destination(corner, 0, m);
  return [corner, east, northEast, north];
}

describe('a walk area drawn by taps', () => {
  it('closes the ring and writes [lon, lat] as GeoJSON wants', () => {
    const poly = areaPolygon(square(100));
    const ring = poly.coordinates[0];
    expect(poly.type).toBe('Polygon');
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(ring[0][0]).toBeCloseTo(corner.lon, 6);
    expect(ring[0][1]).toBeCloseTo(corner.lat, 6);
  });

  it('refuses fewer than three corners', () => {
    expect(() => areaPolygon(square(100).slice(0, 2))).toThrow(/3 corners/);
  });

  it.each([50, 200, 1000])('measures a %i m square to within half a percent', (m) => {
    expect(areaSquareMetres(square(m)) / (m * m)).toBeCloseTo(1, 2);
  });

  it('does not care which way round the corners were tapped', () => {
    const sq = square(120);
    expect(areaSquareMetres([...sq].reverse()) / areaSquareMetres(sq)).toBeCloseTo(1, 4);
  });

  it('sees a bow tie, and not a plain square or a triangle', () => {
    const [a, b, c, d] = square(100);
    expect(selfIntersects([a, b, c, d])).toBe(false);
    expect(selfIntersects([a, c, b, d])).toBe(true);
    expect(selfIntersects([a, b, c])).toBe(false);
  });

  it.each([
    [0, null],
    [1, 'walks.needThree'],
    [2, 'walks.needThree'],
    [3, null],
    [4, null],
  ])('with %i corners the problem is %s', (n, problem) => {
    expect(areaProblem(square(100).slice(0, n))).toBe(problem);
  });

  it('names a crossing as the problem', () => {
    const [a, b, c, d] = square(100);
    expect(areaProblem([a, c, b, d])).toBe('walks.crossing');
  });
});
