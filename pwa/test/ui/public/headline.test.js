// The public map's headline counts the devices that film as cameras; guards and
// gunshot detectors, shown on the map too, are said apart.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/i18n/index.js';
import { headline } from '../../../src/ui/public/headline.js';

const feature = (kind) => ({ properties: { kind } });

describe('the public map headline', () => {
  afterEach(() => setLanguage('fr'));

  it('counts cameras and plate readers, and the other devices apart', () => {
    setLanguage('fr');
    const kinds = ['camera', 'camera', 'ALPR', 'guard', 'gunshot_detector'];
    expect(headline(kinds.map(feature))).toBe(
      '3 caméras validées et 2 autres dispositifs validés (gardiens, détecteurs de tirs)',
    );
    setLanguage('en');
    expect(headline(['camera', 'guard'].map(feature))).toBe(
      '1 approved camera and 1 other approved device (guard, gunshot detector)',
    );
  });

  it('says nothing of other devices when there are none', () => {
    setLanguage('fr');
    expect(headline([feature('camera')])).toBe('1 caméra validée');
    expect(headline([])).toBe('0 caméra validée');
  });

  it('says how many pairs of points may be one device logged twice', () => {
    setLanguage('fr');
    const kinds = ['camera', 'camera', 'camera'];
    expect(headline(kinds.map(feature), 1)).toBe(
      '3 caméras validées. 1 paire de points voisins pourrait être un seul appareil relevé deux fois\u00a0: pas encore vérifié.',
    );
    setLanguage('en');
    expect(headline([...kinds, 'guard'].map(feature), 2)).toBe(
      '3 approved cameras and 1 other approved device (guard, gunshot detector). 2 pairs of points nearby may each be one device logged twice: not checked yet.',
    );
    expect(headline(kinds.map(feature), 0)).toBe('3 approved cameras');
  });
});
