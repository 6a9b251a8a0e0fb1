// Why the map is a plain background, in words true to her phone: with signal
// and a tile server that does not answer, "not available offline here" told
// a walker she had no network.
import { afterEach, describe, expect, it } from 'vitest';
import { BASEMAP_NOTE_WHY, basemapNoteKey } from '../../../src/ui/map/screenview.js';
import { LANGUAGES, setLanguage, t } from '../../../src/i18n/index.js';

const OFFLINE_WORDS = { fr: /hors ligne/i, en: /offline/i };

describe("the map's note when it has no basemap", () => {
  afterEach(() => setLanguage('fr', false));

  it.each(LANGUAGES)('in %s, online, does not say the phone is offline', (lang) => {
    setLanguage(lang, false);
    const words = t(basemapNoteKey(true));
    expect(words).not.toBe(basemapNoteKey(true));
    expect(words).not.toMatch(OFFLINE_WORDS[lang]);
  });

  it.each(LANGUAGES)('in %s, offline, says so: the area was never viewed online', (lang) => {
    setLanguage(lang, false);
    expect(t(basemapNoteKey(false))).toMatch(OFFLINE_WORDS[lang]);
  });
});

// Five or six lines of a 360 px phone's map: now one line, the rest behind a tap.
describe("the map's note when it has no basemap, on a 360 px phone", () => {
  afterEach(() => setLanguage('fr', false));
  // Two lines of the note's 140 px beside the coverage buttons, at 0.85rem.
  const TWO_LINES = 36;

  it.each(LANGUAGES.flatMap((lang) => [true, false].map((online) => [lang, online])))(
    'in %s (online: %s) its line reads on two lines at most, the rest behind a tap',
    (lang, online) => {
      setLanguage(lang, false);
      const key = basemapNoteKey(online);
      expect(t(key).length).toBeLessThanOrEqual(TWO_LINES);
      // What still works, said once she taps the line.
      expect(t(BASEMAP_NOTE_WHY[key])).toMatch(lang === 'fr' ? /restent affichées/ : /still show/);
    },
  );
});
