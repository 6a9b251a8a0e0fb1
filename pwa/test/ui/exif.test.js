import { describe, expect, it } from 'vitest';
import { photoPositionAdvice } from '../../src/ui/log/exif.js';

const pin = { lat: 43.2961, lon: 5.3812, accuracy_m: 12 };

describe("a photo's own position", () => {
  it.each([
    ['taken 500 km away', { lat: 47.8, lon: 5.38, accuracy_m: 3 }, 'far'],
    ['near and more precise', { lat: 43.29611, lon: 5.3812, accuracy_m: 4 }, 'better'],
    ['near but less precise', { lat: 43.29611, lon: 5.3812, accuracy_m: 30 }, null],
    ['near with no stated error', { lat: 43.29611, lon: 5.3812, accuracy_m: null }, null],
    ['absent', null, null],
  ])('%s', (what, photo, advice) => {
    expect(photoPositionAdvice(pin, photo)).toBe(advice);
  });

  it('is offered when the phone had no fix at all, if it is near the pin', () => {
    const noFix = { ...pin, accuracy_m: null };
    expect(photoPositionAdvice(noFix, { lat: 43.2962, lon: 5.3812, accuracy_m: 8 })).toBe('better');
  });
});
