// A public map's popup names of a device only what its kind has: no camera
// type, mount or sign checklist on a guard or a gunshot detector approved
// while it still held them from before.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/i18n/index.js';
import { popupWords } from '../../../src/ui/public/words.js';

const held = { camera_type: 'dome', mount: 'pole', sign: 'seen', sign_cnil: 'no' };

describe("a public popup's words", () => {
  afterEach(() => setLanguage('fr', false));

  it('name a camera with its type, its mount and its published signage answers', () => {
    setLanguage('en', false);
    expect(popupWords({ kind: 'camera', ...held })).toEqual({
      heading: 'Camera · Dome',
      mount: 'Pole',
      signage: ['Sign: Seen', 'CNIL mention: No'],
    });
  });

  it.each(['guard', 'gunshot_detector'])('name a %s by its kind alone', (kind) => {
    expect(popupWords({ kind, ...held })).toEqual({
      heading: popupWords({ kind }).heading,
      mount: null,
      signage: [],
    });
  });
});
