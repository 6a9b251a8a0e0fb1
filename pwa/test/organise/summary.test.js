import { afterEach, describe, expect, it } from 'vitest';
import { othersLine, sumLines } from '../../src/ui/organise/sumlines.js';
import { setLanguage } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

afterEach(() => setLanguage('fr', false));

const TOTALS = { cameras: 1, new: 0, in_osm: 0, rejected: 1, approved: 0, pending: 0 };
const SEVERAL = { cameras: 14, new: 11, in_osm: 2, rejected: 1, approved: 3, pending: 10 };

// "14 caméras = 11 nouvelles pour OSM + …" as the summary tab writes it.
const said = ([n, words]) => `${n} ${words}`;
const line = (lines, which) =>
  `${said(lines.total)} = ${lines[which].map(([, ...p]) => said(p)).join(' + ')}`;

describe('the summary tab’s counts', () => {
  it('take the singular for 0 and 1 in French, the plural from 2', () => {
    setLanguage('fr', false);
    expect(line(sumLines(TOTALS), 'osm')).toBe(
      '1 caméra = 0 nouvelle pour OSM + 0 déjà dans OSM + 1 refusée',
    );
    expect(line(sumLines(SEVERAL), 'osm')).toBe(
      '14 caméras = 11 nouvelles pour OSM + 2 déjà dans OSM + 1 refusée',
    );
    expect(line(sumLines({ ...SEVERAL, rejected: 3 }), 'review')).toBe(
      '14 caméras = 3 validées + 10 à valider + 3 refusées',
    );
  });

  it('and in English, the plural for 0', () => {
    setLanguage('en', false);
    expect(line(sumLines(TOTALS), 'review')).toBe(
      '1 camera = 0 approved + 0 to review + 1 rejected',
    );
    expect(said(sumLines({ ...TOTALS, cameras: 0 }).total)).toBe('0 cameras');
  });
});

describe('the summary’s other devices', () => {
  // As the server counts them apart from the cameras (totals.other_devices).
  const others = (byKind, published) => ({
    ...SEVERAL,
    other_devices: { devices: 4, rejected: 1, published, by_kind: byKind },
  });

  it('are said apart from the cameras, kind by kind, with those published', () => {
    setLanguage('fr');
    expect(othersLine(others({ guard: 2, gunshot_detector: 1 }, 2))).toBe(
      '3 autres dispositifs relevés, comptés à part des caméras (Vigile\u00a0: 2, Détecteur de tirs\u00a0: 1), dont 2 publiés sur la carte publique.',
    );
    setLanguage('en');
    expect(othersLine(others({ guard: 1 }, 0))).toBe(
      '1 other device logged, counted apart from the cameras (Guard: 1), 0 of them published on the public map.',
    );
  });

  it('are not mentioned when the walk found none', () => {
    expect(othersLine(SEVERAL)).toBe(null);
    expect(othersLine(others({}, 0))).toBe(null);
  });
});
