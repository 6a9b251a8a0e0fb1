import { afterEach, describe, expect, it } from 'vitest';
import {
  applyDecision,
  decisionBody,
  decisionNote,
  showsElsewhere,
} from '../../src/ui/organise/publicphotos.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

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
  afterEach(() => setLanguage('fr', false));

  it('asks the server for that camera alone, to publish or to keep private', () => {
    const boxes = [[0.1, 0.1, 0.2, 0.2]];
    expect(decisionBody('cam-b', true, boxes)).toEqual({
      public: true,
      blur: boxes,
      observation_id: 'cam-b',
    });
    expect(decisionBody('cam-b', false, boxes)).toEqual({
      public: false,
      blur: boxes,
      observation_id: 'cam-b',
    });
  });

  it('kept private everywhere, names no camera, as the server reads every camera', () => {
    expect(decisionBody(null, false, [])).toEqual({ public: false, blur: [] });
    const list = cameras();
    applyDecision(list, 'cam-b', true, { sha256: SHA, public: true, blur: [] });
    applyDecision(list, null, false, { sha256: SHA, public: false, blur: [] });
    expect(publicOf(list)).toEqual([[false], [false, true]]);
  });

  it('offers "everywhere" only for a photo another camera shows', () => {
    expect(showsElsewhere(cameras(), 'cam-a', SHA)).toBe(true);
    expect(showsElsewhere(cameras(), 'cam-b', OTHER)).toBe(false);
  });

  it('makes the photo public beside that camera alone, with its boxes everywhere', () => {
    const list = cameras();
    applyDecision(list, 'cam-a', true, { sha256: SHA, public: true, blur: [] });
    expect(publicOf(list)).toEqual([[true], [false, true]]);
    expect(list[1].photos[0].blur).toEqual([]);

    applyDecision(list, 'cam-b', true, { sha256: SHA, public: true, blur: [] });
    expect(publicOf(list)).toEqual([[true], [true, true]]);
  });

  it('kept private, takes it off beside that camera and leaves it where it is shown', () => {
    const list = cameras();
    applyDecision(list, 'cam-b', true, { sha256: SHA, public: true, blur: [] });
    applyDecision(list, 'cam-b', false, { sha256: SHA, public: true, blur: [] });
    expect(publicOf(list)).toEqual([[true], [false, true]]);
  });

  it('kept private beside its last camera, the photo is private on every card', () => {
    const list = cameras();
    applyDecision(list, 'cam-a', false, { sha256: SHA, public: false, blur: [[0, 0, 1, 1]] });
    expect(publicOf(list)).toEqual([[false], [false, true]]);
  });

  it.each([
    ['fr', true, 'Photo retirée à côté de cette caméra'],
    ['fr', false, 'Photo retirée de la carte publique.'],
    ['en', true, 'Photo taken off beside this camera'],
    ['en', false, 'Photo taken off the public map.'],
  ])('in %s, kept private while still public elsewhere (%s), says so', (lang, still, words) => {
    setLanguage(lang, false);
    expect(decisionNote(false, { public: still })).toContain(words);
  });
});
