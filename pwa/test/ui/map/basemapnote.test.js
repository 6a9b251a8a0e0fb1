// Why the map is a plain background, in words true to her phone: with signal
// and a tile server that does not answer, "not available offline here" told
// a walker she had no network.
import { afterEach, describe, expect, it } from 'vitest';
import { basemapNoteKey } from '../../../src/ui/map/screenview.js';
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
