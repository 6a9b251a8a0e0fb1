import { describe, expect, it } from 'vitest';
import { boxFromDrag, movedBox } from '../../src/ui/organise/blur.js';

describe('a box dragged over a photo', () => {
  it('is the same whichever corner the drag starts from', () => {
    const down = boxFromDrag({ x: 100, y: 50 }, { x: 300, y: 250 }, 400, 500);
    const up = boxFromDrag({ x: 300, y: 250 }, { x: 100, y: 50 }, 400, 500);
    expect(down).toEqual([0.25, 0.1, 0.5, 0.4]);
    expect(up).toEqual(down);
  });

  it('stops at the edges of the picture', () => {
    const [x, y, w, h] = boxFromDrag({ x: -40, y: 450 }, { x: 120, y: 900 }, 400, 500);
    expect([x, y]).toEqual([0, 0.9]);
    expect(x + w).toBeLessThanOrEqual(1);
    expect(y + h).toBeLessThanOrEqual(1);
    expect(h).toBeCloseTo(0.1, 4);
  });

  it('ignores a tap that barely moved', () => {
    expect(boxFromDrag({ x: 10, y: 10 }, { x: 12, y: 200 }, 400, 500)).toBeNull();
    expect(boxFromDrag({ x: 10, y: 10 }, { x: 10, y: 10 }, 400, 500)).toBeNull();
  });

  it('never reaches past 1 after rounding', () => {
    const [x, , w] = boxFromDrag({ x: 1 / 3, y: 0 }, { x: 3, y: 3 }, 3, 3);
    expect(x + w).toBeLessThanOrEqual(1);
  });
});

describe('a box moved over a photo', () => {
  it('keeps its size and moves by the fractions given', () => {
    expect(movedBox([0.2, 0.3, 0.1, 0.2], 0.1, -0.1)).toEqual([0.3, 0.2, 0.1, 0.2]);
  });

  it('stops at the edges of the picture', () => {
    expect(movedBox([0.8, 0.1, 0.15, 0.2], 0.5, -0.5)).toEqual([0.85, 0, 0.15, 0.2]);
  });
});
