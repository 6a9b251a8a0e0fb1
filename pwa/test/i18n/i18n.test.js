import { describe, expect, it } from 'vitest';
import { DICTIONARIES, pickLanguage, setLanguage, t, tv } from '../../src/i18n/index.js';
import * as model from '../../src/model/observation.js';

describe('translations', () => {
  it('have the same keys in French and English', () => {
    expect(Object.keys(DICTIONARIES.en).sort()).toEqual(Object.keys(DICTIONARIES.fr).sort());
  });

  it('name every value a walker can pick, in both languages', () => {
    const values = [
      ['kind', model.KINDS],
      ['camera_type', model.CAMERA_TYPES],
      ['mount', model.MOUNTS],
      ['surveillance', model.SURVEILLANCE],
      ['zone', model.ZONES],
      ['role', model.PHOTO_ROLES],
    ];
    for (const lang of ['fr', 'en']) {
      for (const [field, list] of values) {
        for (const v of list)
          expect(DICTIONARIES[lang], `${lang} ${field}.${v}`).toHaveProperty(`v.${field}.${v}`);
      }
    }
  });

  it('fill placeholders', () => {
    setLanguage('en', false);
    expect(t('map.accuracy', { m: 6 })).toBe('Accuracy 6 m');
    expect(tv('mount', 'pole')).toBe('Pole');
    setLanguage('fr', false);
    expect(tv('mount', 'pole')).toBe('Poteau');
  });
});

describe('choosing the language', () => {
  it.each([
    [['fr-FR', 'en'], null, 'fr'],
    [['en-GB', 'fr'], null, 'en'],
    [['de-DE', 'en-US'], null, 'en'],
    [['de-DE'], null, 'fr'],
    [['en-US'], 'fr', 'fr'],
  ])('%j with saved %s gives %s', (preferred, saved, expected) => {
    expect(pickLanguage(preferred, saved)).toBe(expected);
  });
});
