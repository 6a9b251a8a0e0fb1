import { describe, expect, it } from 'vitest';
import { applyDecision } from '../../src/ui/organise/publicphotos.js';

const SHA = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

// Camera A shows the photo published; a walker linked it to camera B since.
function cameras() {
  return [
    { id: 'cam-a', photos: [{ sha256: SHA, public: true, blur: [[0.1, 0.1, 0.2, 0.2]] }] },
    {
      id: 'cam-b',
      photos: [
        { sha256: SHA, public: false, blur: [[0.1, 0.1, 0.2, 0.2]] },
        { sha256: OTHER, public: true, blur: [] },
      ],
    },
  ];
}

const publicOf = (list) => list.map((c) => c.photos.map((p) => p.public));

describe('a publication decided from one camera’s card', () => {
  it('makes the photo public beside that camera alone, with its boxes everywhere', () => {
    const list = cameras();
    applyDecision(list, 'cam-a', { sha256: SHA, public: true, blur: [] });
    expect(publicOf(list)).toEqual([[true], [false, true]]);
    expect(list[1].photos[0].blur).toEqual([]);

    applyDecision(list, 'cam-b', { sha256: SHA, public: true, blur: [] });
    expect(publicOf(list)).toEqual([[true], [true, true]]);
  });

  it('withdrawn, takes the photo off beside every camera and leaves the others', () => {
    const list = cameras();
    applyDecision(list, 'cam-b', { sha256: SHA, public: false, blur: [[0, 0, 1, 1]] });
    expect(publicOf(list)).toEqual([[false], [false, true]]);
  });
});
