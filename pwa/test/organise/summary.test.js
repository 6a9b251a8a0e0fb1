import { afterEach, describe, expect, it } from 'vitest';
import { sumLines } from '../../src/ui/organise/sumlines.js';
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
