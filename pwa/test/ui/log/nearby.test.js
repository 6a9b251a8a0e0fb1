// A camera a mapper marked as no longer in use (docs/osm.md): the walker's
// banner still offers it, asked as "is it this one?", and her answer links her
// camera to it, so the organiser learns the device is there.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../src/i18n/index.js';
import { fieldsFromOsmNode, nearbyCandidates, outOfUse } from '../../../src/geo/nearby.js';
import { destination } from '../../../src/geo/geo.js';
import { newFields } from '../../../src/model/observation.js';
import { bannerWords } from '../../../src/ui/log/nearby.js';

const here = { lat: 43.2961, lon: 5.3812, accuracy_m: 6 };
const idle = {
  id: 601,
  ...destination(here, 0, 4),
  tags: { 'disused:man_made': 'surveillance' },
  out_of_use: ['disused:man_made'],
};
const inUse = { id: 602, ...destination(here, 180, 6), tags: { man_made: 'surveillance' } };

describe('a camera marked out of use in OSM, on the "already in OSM?" banner', () => {
  afterEach(() => setLanguage('fr', false));

  it('is offered, nearest first, never hidden', () => {
    const found = nearbyCandidates(here, { osmNodes: [inUse, { ...inUse, ...idle }] });
    expect(found.map((c) => [c.type, c.node.id])).toEqual([
      ['osm', 601],
      ['osm', 602],
    ]);
    expect(found.map((c) => outOfUse(c.node))).toEqual([true, false]);
  });

  it('asks whether it is this one, in English and French', () => {
    const [top] = nearbyCandidates(here, { osmNodes: [idle] });
    setLanguage('en', false);
    expect(bannerWords(top)).toEqual({
      headline: 'A camera marked out of use in OpenStreetMap is 4\u00a0m away: is it this one?',
      note: 'Your answer tells the organisers the camera is there; OpenStreetMap keeps it marked out of use.',
      link: 'It is this one',
    });
    setLanguage('fr', false);
    expect(bannerWords(top).headline).toBe(
      'Une caméra marquée hors service dans OpenStreetMap est à\u00a04\u00a0m\u00a0: est-ce celle-ci\u00a0?',
    );
    expect(bannerWords(top).link).toBe('C’est celle-ci');
    // "la" stands for the camera the sentence names, not for a masculine "appareil".
    expect(bannerWords(top).note).toBe(
      'Votre réponse dit à l’organisation que la caméra est là\u00a0; OpenStreetMap continue de la marquer hors service.',
    );
  });

  it('keeps the words of a camera in use for one in use', () => {
    const [top] = nearbyCandidates(here, { osmNodes: [inUse] });
    setLanguage('en', false);
    expect(bannerWords(top)).toEqual({
      headline: 'An OpenStreetMap camera is 6\u00a0m away.',
      note: null,
      link: 'Still there',
    });
    // A copy stored before the server said which are out of use: in use until refreshed.
    expect(outOfUse({ ...inUse, out_of_use: [] })).toBe(false);
  });

  it('her answer links her camera to it, as there', () => {
    const [top] = nearbyCandidates(here, { osmNodes: [idle] });
    const fields = fieldsFromOsmNode(top.node, newFields({ position: here }), 'present');
    expect(fields).toMatchObject({ osm_node_id: 601, presence: 'present', kind: 'camera' });
  });
});
