// A possible duplicate is a question, not a merge to come: the organisers may
// merge the two records or say they are two cameras (two on one pole). Neither
// the walker's notice nor the organiser's button to the compare screen may
// promise a merge.
import { describe, expect, it } from 'vitest';
import { LANGUAGES, setLanguage, t, tp } from '../../src/i18n/index.js';
import '../../src/ui/organise/i18n.js';

const PROMISES_A_MERGE = /merge|fusion/i;

describe('possible duplicates promise no merge', () => {
  it.each(LANGUAGES)("on the walker's camera sheet, in %s", (lang) => {
    setLanguage(lang, false);
    for (const n of [1, 2]) expect(tp('obs.duplicate', n)).not.toMatch(PROMISES_A_MERGE);
  });

  it.each(LANGUAGES)("on the review card's way to the compare screen, in %s", (lang) => {
    setLanguage(lang, false);
    expect(t('rev.compare')).not.toMatch(PROMISES_A_MERGE);
  });
});
