import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { farCameraLines, fetchedText } from '../../src/ui/organise/osmfetch.js';
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

// A 422 area_too_large naming the cameras that widen the walk (docs/contract.md).
const REFUSED = {
  status: 422,
  code: 'area_too_large',
  errors: {
    far_observations: [
      {
        uuid: '3f2a9c1e-0000-4000-8000-000000000001',
        lat: 43.5297,
        lon: 5.4474,
        distance_m: 26350,
        camera: {
          kind: 'camera',
          camera_type: 'dome',
          operator: 'RTM',
          created_by: 'mouette',
          surveyed_on: '2026-11-21',
        },
      },
      { uuid: '9b1e44d0-0000-4000-8000-000000000002', lat: 0, lon: 0, distance_m: 4800000 },
    ],
  },
};

describe('what the organiser reads when a camera logged far away widens the walk', () => {
  it('names each camera as its review card does, how far it is and where', () => {
    setLanguage('fr', false);
    const [aix, nowhere] = farCameraLines(REFUSED);
    expect(aix).toMatch(
      /^Caméra · Dôme · \u2068RTM\u2069, relevée par \u2068mouette\u2069 le .*2026\u00a0: à 26,4\u00a0km/,
    );
    expect(aix).toContain('(43.5297, 5.4474)');
    expect(nowhere).toMatch(/^caméra 9b1e44d0…\u00a0: à 4\u202f800\u00a0km/);
    setLanguage('en', false);
    expect(farCameraLines(REFUSED)[0]).toMatch(
      /^Camera · Dome · \u2068RTM\u2069, logged by \u2068mouette\u2069 on .*2026: 26\.4 km from the walk/,
    );
  });

  it('names none for any other refusal, or a server older than the list', () => {
    expect(farCameraLines({ status: 422, code: 'no_area' })).toEqual([]);
    expect(farCameraLines({ status: 422, code: 'area_too_large' })).toEqual([]);
    expect(farCameraLines(undefined)).toEqual([]);
  });
});
