// The public map's headline counts the devices that film as cameras; guards and
// gunshot detectors, shown on the map too, are said apart.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage, t, tv } from '../../../src/i18n/index.js';
import { headline } from '../../../src/ui/public/headline.js';

const feature = (kind) => ({ properties: { kind } });

describe('the public map headline', () => {
  afterEach(() => setLanguage('fr'));

  it('counts cameras and plate readers, and the other devices apart', () => {
    setLanguage('fr');
    const kinds = ['camera', 'camera', 'ALPR', 'guard', 'gunshot_detector'];
    expect(headline(kinds.map(feature))).toBe(
      '3 caméras validées et 2 autres dispositifs validés (vigiles, détecteurs de tirs)',
    );
    setLanguage('en');
    expect(headline(['camera', 'guard'].map(feature))).toBe(
      '1 approved camera and 1 other approved device (guard, gunshot detector)',
    );
  });

  it('names the other devices with the words of the map key', () => {
    for (const lang of ['fr', 'en']) {
      setLanguage(lang);
      const said = headline(['camera', 'guard'].map(feature)).toLowerCase();
      for (const kind of ['guard', 'gunshot_detector']) {
        expect(said).toContain(tv('kind', kind).toLowerCase());
      }
    }
  });

  it('dates a survey in words that suit every device, not a camera alone', () => {
    // The popup's title is "Vigile" or "Détecteur de tirs" as often as "Caméra".
    setLanguage('fr');
    expect(t('pub.surveyed', { d: '3 déc. 2026' })).toBe('relevé du 3 déc. 2026');
    setLanguage('en');
    expect(t('pub.surveyed', { d: 'Dec 3, 2026' })).toBe('surveyed on Dec 3, 2026');
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
