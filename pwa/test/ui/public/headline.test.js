// The public map's headline says the server's counts (`cameras`, `other_devices`:
// server/reports/service.py, by the rule the walk summary follows); guards and
// gunshot detectors, shown on the map too, are said apart.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage, t, tv } from '../../../src/i18n/index.js';
import { headline } from '../../../src/ui/public/headline.js';

// The public GeoJSON's counts, as the server sends them.
const counted = (cameras, others = 0, pairs = 0) => ({
  cameras,
  other_devices: others,
  open_duplicate_pairs: pairs,
  features: [],
});

describe('the public map headline', () => {
  afterEach(() => setLanguage('fr'));

  it('says the cameras, and the other devices apart', () => {
    setLanguage('fr');
    expect(headline(counted(3, 2))).toBe(
      '3 caméras validées et 2 autres dispositifs validés (vigiles, détecteurs de tirs)',
    );
    setLanguage('en');
    expect(headline(counted(1, 1))).toBe(
      '1 approved camera and 1 other approved device (guard, gunshot detector)',
    );
  });

  it('names the other devices with the words of the map key', () => {
    for (const lang of ['fr', 'en']) {
      setLanguage(lang);
      const said = headline(counted(1, 1)).toLowerCase();
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

  it('quotes the server’s counts, never a count of its own from the features', () => {
    // Features of every kind, and the server's word that one of them is a camera.
    const kinds = ['camera', 'ALPR', 'guard'];
    const data = { ...counted(1, 2), features: kinds.map((kind) => ({ properties: { kind } })) };
    setLanguage('en');
    expect(headline(data)).toBe(
      '1 approved camera and 2 other approved devices (guards, gunshot detectors)',
    );
  });

  it('says nothing of other devices when there are none', () => {
    setLanguage('fr');
    expect(headline(counted(1))).toBe('1 caméra validée');
    expect(headline(counted(0))).toBe('0 caméra validée');
  });

  it('says how many pairs of points may be one device logged twice', () => {
    setLanguage('fr');
    expect(headline(counted(3, 0, 1))).toBe(
      '3 caméras validées. 1 paire de points voisins pourrait être un seul appareil relevé deux fois\u00a0: pas encore vérifié.',
    );
    setLanguage('en');
    expect(headline(counted(3, 1, 2))).toBe(
      '3 approved cameras and 1 other approved device (guard, gunshot detector). 2 pairs of points nearby may each be one device logged twice: not checked yet.',
    );
    expect(headline(counted(3))).toBe('3 approved cameras');
  });
});
