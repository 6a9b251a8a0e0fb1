import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { fetchedText } from '../../src/ui/organise/osmfetch.js';
import '../../src/ui/organise/i18n.js';

// POST /walks/<id>/osm-fetch's answer (docs/contract.md): `fetched` counts
// every camera node OSM answered, those kept as cached and kept out included.
const ANSWER = {
  fetched: 9,
  added: 2,
  updated: 1,
  vertex_changed: 0,
  unchanged: 3,
  removed: 1,
  kept_newer: 2,
  kept_deleted: 1,
  basemap_features: 40,
};

afterEach(() => setLanguage('fr', false));

describe('what the organiser reads once the OSM cameras are loaded', () => {
  it('says in French the cameras kept as camwalk sent them and those kept out', () => {
    setLanguage('fr', false);
    const text = fetchedText(ANSWER);
    expect(text).toContain(
      '9 caméras OSM (2 nouvelles, 1 modifiée, 1 disparue depuis la dernière fois).',
    );
    expect(text).toContain('2 caméras gardées telles que camwalk les a envoyées');
    expect(text).toContain('1 caméra laissée de côté\u00a0: un envoi de camwalk l’a retirée d’OSM');
    expect(text).toMatch(/Carte de balade\u00a0: 40 /);
  });

  it('says them in English, each count in its own form', () => {
    setLanguage('en', false);
    const text = fetchedText({ ...ANSWER, fetched: 1, added: 1, kept_newer: 1, kept_deleted: 2 });
    expect(text).toContain('1 OSM camera (1 new, 1 changed, 1 gone since last time).');
    expect(text).toContain('1 camera kept as camwalk sent it');
    expect(text).toContain('2 cameras kept out: an upload of camwalk took them out of OSM');
  });

  it('says nothing of kept cameras when there are none, nor of a map not fetched', () => {
    setLanguage('fr', false);
    const none = { ...ANSWER, kept_newer: 0, kept_deleted: 0, basemap_features: undefined };
    expect(fetchedText(none)).toBe(
      '9 caméras OSM (2 nouvelles, 1 modifiée, 1 disparue depuis la dernière fois).',
    );
    // An answer from a server older than the two counts.
    const older = { ...none };
    delete older.kept_newer;
    delete older.kept_deleted;
    expect(fetchedText(older)).toBe(fetchedText(none));
  });
});
