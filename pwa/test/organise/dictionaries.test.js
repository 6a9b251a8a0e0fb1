// The organisers' words are loaded only with their screens (ui/organise/i18n.js):
// a walker's phone never downloads the export's or the upload's sentences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SRC } from '../i18n/sources.js';
import { en, fr } from '../../src/ui/organise/i18n.js';

// The keys a walker's dictionary file holds, read from the file: once the
// organisers' module is loaded, the dictionaries in memory hold its words too.
const walkerKeys = (lang) =>
  [...readFileSync(join(SRC, 'i18n', `${lang}.js`), 'utf8').matchAll(/^ {2}'([\w.]+)':/gm)].map(
    (m) => m[1],
  );

// Prefixes only organiser screens use; `walks.` is shared with the walker's walk list.
const organiserOnly = (dictionary) =>
  [...new Set(Object.keys(dictionary).map((key) => key.split('.')[0]))].filter(
    (prefix) => prefix !== 'walks',
  );

describe("the organisers' sentences", () => {
  it.each([
    ['fr', fr],
    ['en', en],
  ])('are not in the walker’s dictionary (%s)', (lang, organiser) => {
    const prefixes = organiserOnly(organiser);
    expect(prefixes).toContain('exp');
    const keys = walkerKeys(lang);
    expect(keys).toContain('walks.title');
    const misplaced = keys.filter((key) => prefixes.includes(key.split('.')[0]));
    expect(misplaced).toEqual([]);
  });

  it.each([
    ['fr', fr],
    ['en', en],
  ])('of the checks beside a taken camera or a denied tag are the organiser’s (%s)', (_, org) => {
    for (const key of ['exp.takenNearby', 'exp.takenNearbyElsewhere', 'exp.contradictedTag']) {
      expect(org[key]).toMatch(/\{camera\}… .*\{node\}/);
    }
  });
});
