import { describe, expect, it } from 'vitest';
import { stackedAt } from '../../../src/ui/map/stack.js';

const DOT = 28; // px

describe('cameras stacked on one spot of the screen', () => {
  it('finds three cameras of one pole on the same pixel, nearest first', () => {
    const points = [
      { id: 'far', x: 140, y: 100 },
      { id: 'b', x: 103, y: 104 },
      { id: 'a', x: 100, y: 100 },
      { id: 'c', x: 100, y: 100 },
    ];
    expect(stackedAt(points, { x: 100, y: 100 }, DOT).map((p) => p.id)).toEqual(['a', 'c', 'b']);
  });

  it('leaves out a camera whose dot shows enough of itself to be tapped', () => {
    const points = [
      { id: 'tapped', x: 0, y: 0 },
      { id: 'beside', x: 22, y: 0 },
    ];
    expect(stackedAt(points, { x: 0, y: 0 }, DOT).map((p) => p.id)).toEqual(['tapped']);
  });

  it('reaches further when large text makes the dots bigger', () => {
    const points = [
      { id: 'tapped', x: 0, y: 0 },
      { id: 'beside', x: 30, y: 0 },
    ];
    expect(stackedAt(points, { x: 0, y: 0 }, 2 * DOT)).toHaveLength(2);
  });
});
