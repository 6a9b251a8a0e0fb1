import { describe, expect, it } from 'vitest';
import fr from '../../src/i18n/fr.js';
import ERRORS from '../../src/i18n/errors.json';
import { fr as organiser } from '../../src/ui/organise/i18n.js';
import { fr as publicMap } from '../../src/ui/public/i18n.js';

// Every French sentence the app can show, by where it lives.
const FRENCH = {
  'i18n/fr.js': fr,
  'i18n/errors.json': ERRORS.fr,
  'ui/organise/i18n.js': organiser,
  'ui/public/i18n.js': publicMap,
};

// French sets a space before ? ! ; : and inside « »; a plain one lets a phone's
// line break there and leave the mark alone at the start of the next line
// (the out-of-use banner's "?" did at 390 px). The app's no-break space is
// U+00A0, as that banner's fix used.
const BREAKABLE = /[ \t\n](?=[?!;:»])|«[ \t\n]/;

function breakable(strings) {
  return Object.entries(strings)
    .filter(([, text]) => BREAKABLE.test(text))
    .map(([key, text]) => `${key}: ${text}`);
}

describe('French punctuation', () => {
  it.each(Object.keys(FRENCH))('in %s, never follows a space a line may break at', (file) => {
    expect(breakable(FRENCH[file])).toEqual([]);
  });

  it('is caught by this test when a plain space slips in', () => {
    expect(
      breakable({ a: 'Échec : {msg}', b: 'Vraiment ?', c: '« Garder »', d: 'Ok\u00a0!' }),
    ).toEqual(['a: Échec : {msg}', 'b: Vraiment ?', 'c: « Garder »']);
  });
});
