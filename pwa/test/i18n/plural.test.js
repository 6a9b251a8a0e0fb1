// Counts read as sentences in both languages: "1 conflict", never "1 conflict(s)";
// French says "0 conflit" where English says "0 conflicts".
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SRC, sources } from './sources.js';
import '../../src/ui/public/i18n.js'; // the public page's words join the dictionaries
import '../../src/ui/organise/i18n.js'; // and the organisers' words
import { DICTIONARIES, LANGUAGES, countedWork, setLanguage, t, tp } from '../../src/i18n/index.js';
import { changeCounts, sentText } from '../../src/ui/organise/exportsviews.js';

function pluralKeys() {
  const keys = new Set();
  for (const file of sources(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\btp\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      keys.add(m[1]);
    }
  }
  return [...keys];
}

afterEach(() => {
  setLanguage('fr', false);
  vi.restoreAllMocks();
});

describe('plural forms', () => {
  it.each([
    ['fr', 0, '0 conflit à voir.'],
    ['fr', 1, '1 conflit à voir.'],
    ['fr', 2, '2 conflits à voir.'],
    ['en', 0, '0 conflicts to look at.'],
    ['en', 1, '1 conflict to look at.'],
    ['en', 2, '2 conflicts to look at.'],
  ])('%s says %i as "%s"', (lang, n, text) => {
    setLanguage(lang, false);
    expect(tp('sync.conflicts', n)).toBe(text);
  });

  it('say one create of an earlier file as one, not "les 1 créations"', () => {
    const dates = { exported: '4 déc.', since: 'après le 1 déc.' };
    setLanguage('fr', false);
    expect(tp('exp.earlierFile', 1, dates)).toContain('la création de ce fichier-ci y est');
    expect(tp('exp.earlierFile', 3, dates)).toContain('les 3 créations de ce fichier-ci');
    setLanguage('en', false);
    expect(tp('exp.earlierFile', 1, dates)).toContain('the create of this file');
    expect(tp('exp.earlierFile', 3, dates)).toContain('the 3 creates of this file');
  });

  it.each(['fr', 'en'])('exist as one and other for every count the code words (%s)', (lang) => {
    const keys = pluralKeys();
    expect(keys.length).toBeGreaterThan(3);
    const missing = keys.flatMap((key) =>
      ['one', 'other'].map((form) => `${key}.${form}`).filter((k) => !(k in DICTIONARIES[lang])),
    );
    expect(missing).toEqual([]);
  });

  it.each(['fr', 'en'])('leave no "(s)" for the walker to sort out (%s)', (lang) => {
    const lazy = Object.entries(DICTIONARIES[lang]).filter(([, text]) => /\((s|x|e)\)/.test(text));
    expect(lazy.map(([key]) => key)).toEqual([]);
  });

  it('count a camera and its photo as what she logged, in both languages', () => {
    setLanguage('en', false);
    expect(t('menu.logoutUnsynced', { what: countedWork(1, 1) })).toBe(
      'Not sent yet: 1 camera, 1 photo. Sync first.',
    );
    expect(countedWork(0)).toBe('0 cameras');
    expect(countedWork(3)).toBe('3 cameras');
    expect(tp('sync.rejected', 1)).toBe('1 edit refused by the server.');
    setLanguage('fr', false);
    expect(t('file.saved', { what: countedWork(1, 0) })).toMatch(
      /^Fichier enregistré\u00a0: 1 caméra\./,
    );
    expect(countedWork(0)).toBe('0 caméra');
    expect(countedWork(2, 1)).toBe('2 caméras, 1 photo');
    expect(tp('sync.conflicts', 1)).toBe('1 conflit à voir.');
  });

  it.each([
    ['fr', 0, 'publique · 0 zone floutée', 'Envoyé\u00a0: changeset —.'],
    ['fr', 1, 'publique · 1 zone floutée', 'Envoyé\u00a0: changeset 7.'],
    ['fr', 3, 'publique · 3 zones floutées', 'Envoyé\u00a0: changesets 7, 8, 9.'],
    ['en', 0, 'public · 0 blurred areas', 'Sent: changesets —.'],
    ['en', 1, 'public · 1 blurred area', 'Sent: changeset 7.'],
    ['en', 3, 'public · 3 blurred areas', 'Sent: changesets 7, 8, 9.'],
  ])('give the organisers a sentence for %s %i', (lang, n, blurred, sent) => {
    setLanguage(lang, false);
    expect(tp('pp.isPublic', n)).toBe(blurred);
    const ids = [7, 8, 9].slice(0, n);
    expect(sentText({ changesets: ids })).toBe(sent);
  });

  it('are told by one set of plural rules per language, however many counts are said', () => {
    let made = 0;
    const Rules = Intl.PluralRules;
    vi.spyOn(Intl, 'PluralRules', 'get').mockReturnValue(
      class extends Rules {
        constructor(...args) {
          super(...args);
          made += 1;
        }
      },
    );
    for (const lang of [...LANGUAGES, ...LANGUAGES]) {
      setLanguage(lang, false);
      for (let n = 0; n < 5; n++) tp('sync.conflicts', n);
    }
    expect(made).toBeLessThanOrEqual(LANGUAGES.length);
    setLanguage('en', false);
    expect(tp('sync.conflicts', 1)).toBe('1 conflict to look at.');
  });

  it('count what an upload did one by one', () => {
    setLanguage('fr', false);
    expect(t('up.counts', changeCounts({ created: 1, modified: 3, deleted: 0 }))).toBe(
      '1 création · 3 modifications · 0 suppression',
    );
    setLanguage('en', false);
    expect(t('up.counts', changeCounts({ created: 1, modified: 3 }))).toBe(
      '1 creation · 3 modifications · 0 deletions',
    );
  });
});
