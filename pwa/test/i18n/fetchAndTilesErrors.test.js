import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { errorMessage } from '../../src/i18n/errors.js';

describe('a refused OSM fetch and unreadable own tiles, told in her language', () => {
  it('says a stray camera widens the walk past what a fetch loads, and what to do', () => {
    const err = { status: 422, code: 'area_too_large', message: 'box is 0.84 square degrees' };
    setLanguage('fr', false);
    expect(errorMessage(err)).toMatch(/caméra relevée loin de la balade/);
    expect(errorMessage(err)).toMatch(/supprimez cette caméra/);
    setLanguage('en', false);
    expect(errorMessage(err)).toMatch(/camera logged far from the walk/);
    expect(errorMessage(err)).not.toMatch(/use Overpass/);
  });

  it('says an area drawn too wide for a walk, and to draw it smaller or split it', () => {
    const err = { status: 422, code: 'walk_area_too_large', message: 'draw a smaller area' };
    setLanguage('fr', false);
    expect(errorMessage(err)).toMatch(/Dessinez une zone plus petite, ou découpez-la/);
    setLanguage('en', false);
    expect(errorMessage(err)).toMatch(/Draw a smaller area, or split it into several walks/);
  });

  it('says the campaign’s own tiles cannot be read, not a bare code', () => {
    const err = { status: 503, code: 'tiles_unavailable', message: 'cannot be read' };
    setLanguage('fr', false);
    expect(errorMessage(err)).toMatch(/fond de carte propre à la campagne/);
    setLanguage('en', false);
    expect(errorMessage(err)).toMatch(/own map tiles cannot be read/);
  });
});
