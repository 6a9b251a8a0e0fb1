// The map's legend names the markers she meets on the walk's map, in her language.
import { afterEach, describe, expect, it } from 'vitest';
import { LEGEND } from '../../../src/ui/map/screenview.js';
import { setLanguage, t } from '../../../src/i18n/index.js';

const entry = (dot) => LEGEND.find(([classes]) => classes === dot);

describe('the map legend', () => {
  afterEach(() => setLanguage('fr', false));

  it.each([
    ['fr', 'Sur le serveur, photo pas encore envoyée'],
    ['en', 'On the server, photo not yet sent'],
  ])('in %s, names the ring of a camera whose photo alone waits', (lang, words) => {
    setLanguage(lang, false);
    const found = entry('obs-dot state-photoPending');
    expect(found).toBeTruthy();
    expect(t(found[1])).toBe(words);
  });

  it.each(['fr', 'en'])('in %s, words every entry', (lang) => {
    setLanguage(lang, false);
    for (const [, key] of LEGEND) expect(t(key)).not.toBe(key);
  });
});
