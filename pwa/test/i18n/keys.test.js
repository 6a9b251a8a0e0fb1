// Every word a screen asks for exists in both languages: a missing key would
// show the raw key to a walker or organiser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SRC, sources } from './sources.js';
import { DICTIONARIES } from '../../src/i18n/index.js';
import { en as orgEn, fr as orgFr } from '../../src/ui/organise/i18n.js';
import { en as pubEn, fr as pubFr } from '../../src/ui/public/i18n.js';

// t('some.key') and t(problem-free literal) calls; template keys are left to the screens' tests.
function literalKeys() {
  const found = new Map();
  for (const file of sources(SRC)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      found.set(m[1], file.slice(SRC.length + 1));
    }
  }
  return found;
}

describe('translation keys used by the code', () => {
  it('finds the calls it checks', () => {
    expect(literalKeys().size).toBeGreaterThan(200);
  });

  it.each(['fr', 'en'])('all exist in %s', (lang) => {
    const missing = [...literalKeys()]
      .filter(([key]) => !(key in DICTIONARIES[lang]))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('are the same for organisers in French and English', () => {
    expect(Object.keys(orgEn).sort()).toEqual(Object.keys(orgFr).sort());
  });

  it('are the same on the public map in French and English', () => {
    expect(Object.keys(pubEn).sort()).toEqual(Object.keys(pubFr).sort());
  });
});
